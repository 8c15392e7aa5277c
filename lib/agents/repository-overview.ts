import fs from "node:fs/promises";
import path from "node:path";
import { walkWorkspace } from "@/lib/agents/tools/walk-workspace";
import { runGit } from "@/lib/workspaces/run-git";
import { logger } from "@/lib/platform/logger";

export type RepositoryOverview = {
  /** Repository-relative paths, sorted; at most `maxFiles`. */
  files: string[];
  totalFiles: number;
  truncated: boolean;
  readme: { path: string; excerpt: string; truncated: boolean } | null;
  /** The root package.json's scripts, when there is one: how the project builds and tests. */
  packageScripts: Record<string, string> | null;
};

const ignoredPrefixes = ["node_modules/", ".git/"];

async function listAllFiles(workspacePath: string): Promise<string[]> {
  // git knows what is ignored (build output, virtualenvs); walking is the fallback for non-git folders.
  try {
    await fs.access(path.join(workspacePath, ".git"));
    const output = await runGit(workspacePath, ["ls-files", "--cached", "--others", "--exclude-standard", "-z"]);
    return output.split("\0").filter((file) => file && !ignoredPrefixes.some((prefix) => file.startsWith(prefix)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT")
      logger.debug({ err: error }, "git ls-files failed; walking the workspace");
  }
  const root = await fs.realpath(workspacePath);
  const files: string[] = [];
  for await (const entry of walkWorkspace(root, root, { recursive: true })) {
    if (entry.kind !== "directory") files.push(entry.relative);
  }
  return files;
}

async function readReadme(
  workspacePath: string,
  files: string[],
  maxChars: number,
): Promise<RepositoryOverview["readme"]> {
  const readme = files.filter((file) => /^readme(\.(md|markdown|rst|txt))?$/i.test(file)).sort()[0];
  if (!readme) return null;
  try {
    // A README may be a symlink out of the workspace; only a regular file is read.
    const stat = await fs.lstat(path.join(workspacePath, readme));
    if (!stat.isFile()) return null;
    const text = await fs.readFile(path.join(workspacePath, readme), "utf8");
    return { path: readme, excerpt: text.slice(0, maxChars).trimEnd(), truncated: text.length > maxChars };
  } catch {
    return null;
  }
}

async function readPackageScripts(workspacePath: string): Promise<Record<string, string> | null> {
  try {
    const stat = await fs.lstat(path.join(workspacePath, "package.json"));
    if (!stat.isFile()) return null;
    const manifest = JSON.parse(await fs.readFile(path.join(workspacePath, "package.json"), "utf8")) as {
      scripts?: unknown;
    };
    if (!manifest.scripts || typeof manifest.scripts !== "object") return null;
    return Object.fromEntries(
      Object.entries(manifest.scripts).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
  } catch {
    return null;
  }
}

/** A compact picture of a repository for the planner: its files, README start and scripts. */
export async function buildRepositoryOverview({
  workspacePath,
  maxFiles = 300,
  readmeChars = 3000,
}: {
  workspacePath: string;
  maxFiles?: number;
  readmeChars?: number;
}): Promise<RepositoryOverview> {
  const all = (await listAllFiles(workspacePath)).sort();
  // In a large repository the shallow files (manifests, entry points, top folders) tell
  // the most, so they are kept first and then shown in name order.
  const depth = (file: string) => file.split("/").length;
  const shown =
    all.length <= maxFiles
      ? all
      : [...all]
          .sort((a, b) => depth(a) - depth(b))
          .slice(0, maxFiles)
          .sort();
  return {
    files: shown,
    totalFiles: all.length,
    truncated: all.length > maxFiles,
    readme: await readReadme(workspacePath, all, readmeChars),
    packageScripts: await readPackageScripts(workspacePath),
  };
}
