import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { insertPreview } from "@/db/queries/previews";
import { type Project, type RunState, runs } from "@/db/schema";
import { pruneArtifacts } from "@/lib/validation/artifacts/prune-artifacts";
import { saveArtifact } from "@/lib/validation/artifacts/save-artifact";
import { copyWorkspace } from "@/lib/workspaces/copy-workspace";
import { mirrorPath, previewCopyPath, trashPath, workspacePath } from "@/lib/workspaces/paths";
import { removeRunWorkspace } from "@/lib/workspaces/remove-run-workspace";
import { openRepository } from "@/lib/workspaces/repository";
import { runGit } from "@/lib/workspaces/run-git";
import { sweepWorkspaces } from "@/lib/workspaces/sweep-workspaces";
import { prepareLocalWorkspace } from "@/lib/workspaces/workspace";
import { createTestDatabase } from "@/testing/database";
import { createLocalProject, makeRepository, makeTempDir, writeFiles } from "@/testing/local-project";

let handle: DatabaseHandle;
let root: string;
let dataDir: string;
let repo: string;
let project: Project;
beforeAll(async () => {
  handle = await createTestDatabase();
  root = await makeTempDir();
  dataDir = path.join(root, "data");
  repo = await makeRepository(root);
  project = (await createLocalProject(handle.db, repo)).project;
});
afterAll(async () => {
  await handle?.close();
  await fs.rm(root, { recursive: true, force: true });
});

const exists = (target: string) =>
  fs.stat(target).then(
    () => true,
    () => false,
  );
const mirrorGit = (args: string[]) =>
  runGit(mirrorPath(dataDir, repo), args, { env: { GIT_DIR: mirrorPath(dataDir, repo) } });
const worktrees = () => fs.readdir(path.join(mirrorPath(dataDir, repo), "worktrees")).catch(() => [] as string[]);
const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

async function insertRunIn(state: RunState, endedDaysAgo = 0): Promise<string> {
  const [run] = await handle.db
    .insert(runs)
    .values({
      projectId: project.id,
      source: "api",
      goal: state,
      baseBranch: "main",
      budget: { maxAttempts: 1, maxDollars: 1, maxMinutes: 1 },
      state,
      stateChangedAt: new Date(Date.now() - endedDaysAgo * DAY),
    })
    .returning();
  return run!.id;
}

/** A workspace on disk for the run, and a preview copy of it for attempt 1. */
async function workspaceWithPreview(runId: string) {
  const repository = await openRepository(repo);
  const workspace = await prepareLocalWorkspace({
    dataDir,
    repository,
    runId,
    branch: `mergeline/run-${runId}`,
    baseBranch: "main",
  });
  await writeFiles(workspace.path, { "node_modules/x/index.js": "1\n", "README.md": "# changed\n" });
  const copy = previewCopyPath(dataDir, runId, 1);
  await copyWorkspace({ source: workspace.path, target: copy, dataDir });
  return { workspace, copy };
}

describe("copyWorkspace", () => {
  it("makes the preview's copy a worktree at the workspace's HEAD, with its changes and installed files", async () => {
    const runId = await insertRunIn("validating");
    const { workspace, copy } = await workspaceWithPreview(runId);
    expect(await fs.readFile(path.join(copy, "node_modules/x/index.js"), "utf8")).toBe("1\n");
    const copyGit = (args: string[]) => runGit(copy, args, { trim: false });
    expect((await copyGit(["rev-parse", "HEAD"])).trim()).toBe(workspace.headSha);
    expect(await copyGit(["status", "--porcelain", "--untracked-files=no"])).toBe(" M README.md\n");
    expect(await worktrees()).toEqual(expect.arrayContaining([runId, `${runId}-1`]));
    await removeRunWorkspace({ runId, dataDir });
  });
});

describe("removeRunWorkspace", () => {
  it("removes the run's workspace and preview copies with the mirror's bookkeeping; the branch in the repository stays", async () => {
    const runId = await insertRunIn("merged");
    const { workspace, copy } = await workspaceWithPreview(runId);
    await runGit(repo, ["branch", workspace.branch, "main"]);
    await removeRunWorkspace({ runId, dataDir });
    expect(await exists(workspace.path)).toBe(false);
    expect(await exists(copy)).toBe(false);
    expect(await worktrees()).not.toContain(runId);
    expect(await worktrees()).not.toContain(`${runId}-1`);
    await expect(mirrorGit(["rev-parse", "--verify", "--quiet", `refs/heads/${workspace.branch}`])).rejects.toThrow();
    expect(await runGit(repo, ["rev-parse", "--verify", workspace.branch])).toBe(workspace.headSha);
    expect(await fs.readdir(trashPath(dataDir))).toEqual([]);
    // Again, and for a run that never had a workspace: nothing to do, no error.
    await removeRunWorkspace({ runId, dataDir });
    await removeRunWorkspace({ runId: randomUUID(), dataDir });
  });

  it("keeps the mirror's branch while another workspace has it checked out", async () => {
    const runId = await insertRunIn("cancelled");
    const { workspace } = await workspaceWithPreview(runId);
    // A second checkout of the same branch (git allows it with --force).
    const followUp = await insertRunIn("coding");
    await mirrorGit(["worktree", "add", "--quiet", "--force", workspacePath(dataDir, followUp), workspace.branch]);
    await removeRunWorkspace({ runId, dataDir });
    expect(await mirrorGit(["rev-parse", `refs/heads/${workspace.branch}`])).toBe(workspace.headSha);
    await removeRunWorkspace({ runId: followUp, dataDir });
    await expect(mirrorGit(["rev-parse", "--verify", "--quiet", `refs/heads/${workspace.branch}`])).rejects.toThrow();
  });
});

describe("sweepWorkspaces", () => {
  it("removes the copies of ended and unknown runs, keeps live ones and those with a serving preview", async () => {
    const live = await insertRunIn("coding");
    const ended = await insertRunIn("failed");
    const endedServing = await insertRunIn("needs_human");
    const unknown = randomUUID();
    for (const runId of [live, ended, endedServing, unknown]) await workspaceWithPreview(runId);
    await insertPreview({ db: handle.db, runId: endedServing, values: { attempt: 1, status: "ready", port: 4999 } });
    await fs.mkdir(path.join(dataDir, "workspaces", "not a run"), { recursive: true });
    await fs.mkdir(path.join(trashPath(dataDir), "left-by-a-crash"), { recursive: true });

    // Everything was just made: within the grace period nothing goes.
    expect((await sweepWorkspaces({ db: handle.db, dataDir })).removed).toEqual([]);

    const later = new Date(Date.now() + HOUR);
    const { removed, mirrors } = await sweepWorkspaces({ db: handle.db, dataDir, now: later });
    expect(removed.sort()).toEqual(
      [
        workspacePath(dataDir, ended),
        previewCopyPath(dataDir, ended, 1),
        workspacePath(dataDir, unknown),
        previewCopyPath(dataDir, unknown, 1),
      ].sort(),
    );
    expect(mirrors).toEqual([]);
    for (const runId of [live, endedServing]) {
      expect(await exists(workspacePath(dataDir, runId))).toBe(true);
      expect(await exists(previewCopyPath(dataDir, runId, 1))).toBe(true);
    }
    expect(await exists(path.join(dataDir, "workspaces", "not a run"))).toBe(true);
    expect(await fs.readdir(trashPath(dataDir))).toEqual([]);
    expect((await worktrees()).sort()).toEqual([endedServing, `${endedServing}-1`, live, `${live}-1`].sort());
    for (const runId of [live, endedServing]) await removeRunWorkspace({ runId, dataDir });
  });

  it("removes a mirror no workspace uses once it has been idle long enough", async () => {
    const mirror = mirrorPath(dataDir, repo);
    const runId = await insertRunIn("coding");
    await workspaceWithPreview(runId);
    const inAMonth = new Date(Date.now() + 31 * DAY);
    expect((await sweepWorkspaces({ db: handle.db, dataDir, now: inAMonth, mirrorIdleDays: 30 })).mirrors).toEqual([]);
    await removeRunWorkspace({ runId, dataDir });
    expect((await sweepWorkspaces({ db: handle.db, dataDir, mirrorIdleDays: 30 })).mirrors).toEqual([]);
    expect((await sweepWorkspaces({ db: handle.db, dataDir, now: inAMonth, mirrorIdleDays: 30 })).mirrors).toEqual([
      mirror,
    ]);
    expect(await exists(mirror)).toBe(false);
    // The next run clones it again.
    const next = await insertRunIn("coding");
    await workspaceWithPreview(next);
    expect(await exists(path.join(mirror, "HEAD"))).toBe(true);
    await removeRunWorkspace({ runId: next, dataDir });
  });
});

describe("pruneArtifacts", () => {
  it("deletes the artifacts of runs that ended before the retention and of unknown runs", async () => {
    const live = await insertRunIn("validating");
    const recent = await insertRunIn("merged", 5);
    const old = await insertRunIn("failed", 40);
    const unknown = randomUUID();
    for (const runId of [live, recent, old, unknown])
      await saveArtifact({ runId, attempt: 1, name: "validation.log", kind: "log", data: "log", dataDir });
    const later = new Date(Date.now() + 2 * HOUR);
    expect(await pruneArtifacts({ db: handle.db, dataDir, retentionDays: 0, now: later })).toEqual([]);
    expect(await pruneArtifacts({ db: handle.db, dataDir, retentionDays: 30 })).toEqual([]);
    expect((await pruneArtifacts({ db: handle.db, dataDir, retentionDays: 30, now: later })).sort()).toEqual(
      [old, unknown].sort(),
    );
    const left = await fs.readdir(path.join(dataDir, "artifacts"));
    expect(left.sort()).toEqual([live, recent].sort());
  });
});

describe("sweepWorkspaces and studio sessions", () => {
  it("keeps a live session's workspace and removes an ended one's", async () => {
    const { insertStudioSession } = await import("@/db/queries/studio");
    const repository = await openRepository(repo);
    const made = async (status: "running" | "stopped") => {
      const id = randomUUID();
      await insertStudioSession({ db: handle.db, projectId: project.id, values: { id, status } });
      const workspace = await prepareLocalWorkspace({
        dataDir,
        repository,
        runId: `studio-${id}`,
        branch: `studio/${id}`,
        baseBranch: "main",
      });
      return workspace.path;
    };
    const live = await made("running");
    const ended = await made("stopped");
    const { removed } = await sweepWorkspaces({ db: handle.db, dataDir, now: new Date(Date.now() + HOUR) });
    expect(removed).toContain(ended);
    expect(removed).not.toContain(live);
    expect(await exists(live)).toBe(true);
    expect(await exists(ended)).toBe(false);
  });
});
