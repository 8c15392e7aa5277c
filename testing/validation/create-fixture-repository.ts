import fs from "node:fs/promises";
import { runGit } from "@/lib/workspaces/run-git";

/** A git repository at `repositoryPath` with `templateDir`'s files as one commit on main. */
export async function createFixtureRepository(templateDir: string, repositoryPath: string): Promise<void> {
  await fs.mkdir(repositoryPath, { recursive: true });
  await fs.cp(templateDir, repositoryPath, { recursive: true });
  await runGit(repositoryPath, ["init", "--quiet", "--initial-branch=main"]);
  await runGit(repositoryPath, ["add", "--all"]);
  await runGit(repositoryPath, ["commit", "--quiet", "-m", "Initial commit of the fixture"]);
}
