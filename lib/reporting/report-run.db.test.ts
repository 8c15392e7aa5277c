import fs from "node:fs/promises";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getCommentsByNumber } from "@/db/queries/comments";
import { getCommitStatusesBySha } from "@/db/queries/commit-statuses";
import { insertPlanVersion } from "@/db/queries/plans";
import { upsertValidation } from "@/db/queries/validations";
import { issues, runs } from "@/db/schema";
import { getGitProvider } from "@/lib/git-provider";
import { createTestDatabase } from "@/testing/database";
import { createLocalProject, makeRepository, makeTempDir, openTestPullRequest } from "@/testing/local-project";
import { reportRun } from "./report-run";

// Reporting on the local provider: the same GitProvider calls the GitHub provider makes
// (the GitHub emulator's tests cover those), kept in the database.

let handle: DatabaseHandle;
let root: string;
beforeAll(async () => {
  handle = await createTestDatabase();
  root = await makeTempDir();
});
afterAll(async () => {
  await handle.close();
  await fs.rm(root, { recursive: true, force: true });
});

/** Moves the run as a transition would (state and a new seq), without the pipeline. */
async function setState(runId: string, values: Partial<typeof runs.$inferInsert>) {
  const [run] = await handle.db.select().from(runs).where(eq(runs.id, runId));
  await handle.db
    .update(runs)
    .set({ ...values, lastSeq: run!.lastSeq + 1 })
    .where(eq(runs.id, runId));
}

describe("reportRun", () => {
  it("keeps one label and one status comment on the run's issue, edited in place", async () => {
    const context = await createLocalProject(handle.db, await makeRepository(root));
    const { project, runId } = context;
    const provider = getGitProvider(project, { db: handle.db });
    const [issue] = await handle.db
      .insert(issues)
      .values({ projectId: project.id, number: 3, title: "Fix it", labels: ["mergeline"] })
      .returning();
    await handle.db.update(runs).set({ issueId: issue!.id }).where(eq(runs.id, runId));

    await setState(runId, { state: "planning" });
    expect(await reportRun({ db: handle.db, runId })).toEqual({ reported: true });
    expect((await provider.getIssue({ project, number: 3 }))!.labels).toEqual(["mergeline", "mergeline:planning"]);
    // Nothing changed since: a second report (a burst of events) does nothing.
    expect(await reportRun({ db: handle.db, runId })).toEqual({ reported: false });

    await setState(runId, { state: "validating", attempt: 1 });
    await reportRun({ db: handle.db, runId });
    await setState(runId, { state: "merged" });
    await reportRun({ db: handle.db, runId });

    expect((await provider.getIssue({ project, number: 3 }))!.labels).toEqual(["mergeline", "mergeline:merged"]);
    const comments = await getCommentsByNumber({ db: handle.db, projectId: project.id, number: 3 });
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain("Mergeline: Merged");
    const [run] = await handle.db.select().from(runs).where(eq(runs.id, runId));
    expect(run!.statusCommentId).toBe(comments[0]!.id);
  });

  it("posts each plan version once, while the run awaits approval", async () => {
    const { project, runId } = await createLocalProject(handle.db, await makeRepository(root));
    const [issue] = await handle.db
      .insert(issues)
      .values({ projectId: project.id, number: 4, title: "Plan it", labels: [] })
      .returning();
    await handle.db.update(runs).set({ issueId: issue!.id }).where(eq(runs.id, runId));
    const content = { summary: "Do it", steps: [{ title: "Step" }], files: [], acceptanceChecks: [] };
    await insertPlanVersion({ db: handle.db, runId, status: "proposed", content });
    await setState(runId, { state: "awaiting_approval" });
    await reportRun({ db: handle.db, runId });
    await setState(runId, { state: "awaiting_approval" });
    await reportRun({ db: handle.db, runId });
    const comments = await getCommentsByNumber({ db: handle.db, projectId: project.id, number: 4 });
    expect(comments.filter((comment) => comment.body.includes("mergeline:plan v1"))).toHaveLength(1);
  });

  it("reports each attempt's validation once: a pending status while it runs, then the result and one PR comment", async () => {
    const context = await createLocalProject(handle.db, await makeRepository(root));
    const { project, runId } = context;
    const provider = getGitProvider(project, { db: handle.db });
    const pr = await openTestPullRequest(provider, context, `report-${runId.slice(0, 8)}`, [{ "a.txt": "a\n" }]);
    const sha = pr.headSha!;
    await upsertValidation({ db: handle.db, runId, attempt: 1, values: { status: "running", headSha: sha } });
    await setState(runId, { state: "validating", attempt: 1 });
    await reportRun({ db: handle.db, runId });
    expect((await getCommitStatusesBySha({ db: handle.db, projectId: project.id, sha }))[0]).toMatchObject({
      state: "pending",
    });

    await upsertValidation({
      db: handle.db,
      runId,
      attempt: 1,
      values: { status: "failed", summary: "**Validation of attempt 1 failed**", finishedAt: new Date() },
    });
    await setState(runId, { state: "fixing", attempt: 2 });
    await reportRun({ db: handle.db, runId });
    await setState(runId, { state: "fixing", attempt: 2 });
    await reportRun({ db: handle.db, runId });

    const statuses = await getCommitStatusesBySha({ db: handle.db, projectId: project.id, sha });
    expect(statuses.find((status) => status.context === "mergeline/validation")).toMatchObject({ state: "failure" });
    const comments = await getCommentsByNumber({ db: handle.db, projectId: project.id, number: pr.number });
    expect(comments.filter((comment) => comment.body.includes("Validation of attempt 1 failed"))).toHaveLength(1);
  });
});
