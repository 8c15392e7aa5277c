import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import { type DependencyFile, dependencyFiles } from "@/lib/validation/setup-cache/dependency-files";
import { runGit } from "@/lib/workspaces/run-git";

export type SetupCacheKey = { key: string; dependencyFiles: DependencyFile[]; scope: string };

// Bumped when what an entry holds or how it is restored changes.
const FORMAT = 1;

/**
 * The key a setup's installed state is cached under: the setup commands, the names of the
 * variables they get, the lockfiles and dependency manifests (by content), the sandbox
 * image, and a scope: by default the repository the workspace comes from (its origin), so
 * that what one project's setup produced is never restored into another project's run.
 */
export async function setupCacheKey(input: {
  workspace: string;
  setupCommands: string[];
  envNames?: string[];
  image: string;
  scope?: string;
}): Promise<SetupCacheKey> {
  // A directory inside some other repository would be keyed and listed as that repository.
  const [top, real] = await Promise.all([
    runGit(input.workspace, ["rev-parse", "--show-toplevel"]),
    fs.realpath(input.workspace),
  ]);
  if ((await fs.realpath(top)) !== real) throw new Error(`${input.workspace} is not the top of a git work tree`);
  const origin = await runGit(input.workspace, ["config", "--get", "remote.origin.url"]).catch(() => "");
  // Credentials in the URL (an installation token) change every hour; the repository does not.
  const scope = input.scope ?? origin.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, "$1");
  const files = await dependencyFiles(input.workspace);
  const material = JSON.stringify({
    format: FORMAT,
    scope,
    image: input.image,
    setupCommands: input.setupCommands,
    envNames: [...(input.envNames ?? [])].sort(),
    files,
  });
  return { key: createHash("sha256").update(material).digest("hex").slice(0, 40), dependencyFiles: files, scope };
}
