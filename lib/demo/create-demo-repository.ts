import fs from "node:fs/promises";
import path from "node:path";
import { runGit } from "@/lib/workspaces/run-git";

const templateDir = path.resolve(import.meta.dirname, "template");

/** Creates the demo project's git repository (one commit on main) unless it exists. */
export async function createDemoRepository(repositoryPath: string): Promise<void> {
  const exists = await fs
    .stat(path.join(repositoryPath, ".git"))
    .then(() => true)
    .catch(() => false);
  if (exists) return;
  await fs.mkdir(repositoryPath, { recursive: true });
  await fs.cp(templateDir, repositoryPath, { recursive: true });
  await runGit(repositoryPath, ["init", "--quiet", "--initial-branch=main"]);
  await runGit(repositoryPath, ["add", "--all"]);
  await runGit(repositoryPath, ["commit", "--quiet", "-m", "Initial commit of the demo cart"]);
}
