import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { runGit } from "@/lib/workspaces/run-git";

const exec = promisify(execFile);

// Real open-source code for the code index's tests and benchmark: a package's tarball from
// the npm registry (`npm pack`, at a pinned version), downloaded once and kept in the temp
// dir, never committed here.

const cacheDir = path.join(os.tmpdir(), "mergeline-npm-packages");

/** The package's files, extracted once (`<cache>/<name>-<version>/package`). */
export async function extractPackage(spec: { name: string; version: string }): Promise<string> {
  const target = path.join(cacheDir, `${spec.name.replace(/[@/]/g, "_")}-${spec.version}`);
  const extracted = path.join(target, "package");
  if (fs.existsSync(path.join(target, ".complete"))) return extracted;
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  const { stdout } = await exec(
    "npm",
    ["pack", `${spec.name}@${spec.version}`, "--silent", "--pack-destination", target],
    {
      cwd: target,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const tarball = path.join(target, stdout.trim().split("\n").at(-1)!);
  await exec("tar", ["xzf", tarball, "-C", target]);
  fs.rmSync(tarball);
  fs.writeFileSync(path.join(target, ".complete"), "");
  return extracted;
}

/**
 * A git repository (one commit on main) holding `include` (paths relative to the package,
 * default all of it) of a registry package, in a new temp dir.
 */
export async function packageRepository(spec: { name: string; version: string; include?: string[] }): Promise<string> {
  const source = await extractPackage(spec);
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-package-repo-"));
  for (const entry of spec.include ?? fs.readdirSync(source))
    fs.cpSync(path.join(source, entry), path.join(repo, entry), { recursive: true });
  await runGit(repo, ["init", "--quiet", "--initial-branch=main"]);
  await runGit(repo, ["add", "--all"]);
  await runGit(repo, ["commit", "--quiet", "-m", `${spec.name}@${spec.version} from the npm registry`]);
  return repo;
}
