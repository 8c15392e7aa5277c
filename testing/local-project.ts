import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Database } from "@/db/client";
import { createProject } from "@/db/queries/projects";
import { createTeam } from "@/db/queries/teams";
import { type Project, runs } from "@/db/schema";
import type { GitProvider, PullRequestRef } from "@/lib/git-provider/types";
import { runGit } from "@/lib/workspaces/run-git";
import { defaultProjectSettings } from "@/lib/projects/settings";

// Fixtures for the local provider's tests: real repositories in a temp dir, no mocks.

export async function makeTempDir(prefix = "mergeline-git-"): Promise<string> {
  return fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), prefix)));
}

/** A non-bare repository on `main` with one commit of `files` (a developer's clone). */
export async function makeRepository(
  root: string,
  files: Record<string, string> = { "README.md": "# demo\n" },
): Promise<string> {
  const repo = path.join(root, `repo-${Math.random().toString(36).slice(2, 8)}`);
  await fs.mkdir(repo, { recursive: true });
  await runGit(repo, ["init", "--quiet", "--initial-branch=main"]);
  await commitOnCheckout(repo, files, "Initial commit");
  return repo;
}

/** A bare repository holding the same first commit as makeRepository would. */
export async function makeBareRepository(root: string, files?: Record<string, string>): Promise<string> {
  const source = await makeRepository(root, files);
  const bare = `${source}.git`;
  await runGit(root, ["clone", "--quiet", "--bare", source, bare]);
  return bare;
}

/** Writes files in a non-bare repository's working tree and commits them on its current branch. */
export async function commitOnCheckout(repo: string, files: Record<string, string>, message: string): Promise<string> {
  await writeFiles(repo, files);
  await runGit(repo, ["add", "--all"]);
  await runGit(repo, ["commit", "--quiet", "-m", message]);
  return runGit(repo, ["rev-parse", "HEAD"]);
}

export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await fs.writeFile(path.join(dir, name), content);
  }
}

/** Reads a file as committed on a branch of any repository (bare or not). */
export function showFile(repo: string, branch: string, file: string): Promise<string> {
  return runGit(repo, ["show", `refs/heads/${branch}:${file}`], { trim: false });
}

export function gitLog(repo: string, branch: string, format = "%s"): Promise<string[]> {
  return runGit(repo, ["log", `--format=${format}`, `refs/heads/${branch}`]).then((out) => out.split("\n"));
}

/** A team, a local project on `repository` and a run to hang PRs on. */
export async function createLocalProject(
  db: Database,
  repository: string,
): Promise<{ project: Project; runId: string }> {
  const suffix = Math.random().toString(36).slice(2, 10);
  const team = await createTeam({ db, name: `team ${suffix}`, slug: `team-${suffix}` });
  const settings = defaultProjectSettings();
  const project = await createProject({
    db,
    values: { teamId: team.id, provider: "local", repository, name: path.basename(repository), settings },
  });
  const [run] = await db
    .insert(runs)
    .values({ projectId: project.id, source: "api", goal: "test", baseBranch: "main", budget: settings.budget })
    .returning();
  return { project, runId: run!.id };
}

/** A Project value for tests that never touch the database. */
export function localProjectValue(repository: string): Project {
  const now = new Date();
  return {
    id: "00000000-0000-4000-8000-000000000000",
    teamId: "00000000-0000-4000-8000-000000000001",
    provider: "local",
    repository,
    name: path.basename(repository),
    defaultBranch: "main",
    installationId: null,
    pinned: true,
    settings: defaultProjectSettings(),
    createdAt: now,
    updatedAt: now,
  };
}

/** Pushes one commit per entry of `commits` on branch mergeline/<name> and opens a PR for it. */
export async function openTestPullRequest(
  provider: GitProvider,
  { project, runId }: { project: Project; runId: string },
  name: string,
  commits: Record<string, string>[],
): Promise<PullRequestRef> {
  const branch = `mergeline/${name}`;
  const workspace = await provider.prepareWorkspace({ project, runId, branch, baseBranch: "main" });
  for (const [index, files] of commits.entries()) {
    await writeFiles(workspace.path, files);
    await provider.commitAndPush({ project, workspace, message: `${name} step ${index + 1}` });
  }
  await provider.removeWorkspace({ project, runId });
  return provider.openPullRequest({ project, runId, branch, baseBranch: "main", title: `Do ${name}`, body: "" });
}
