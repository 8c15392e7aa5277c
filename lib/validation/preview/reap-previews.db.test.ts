import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { Project, RunState } from "@/db/schema";

// The reaper and the requireAcceptance merge gate, on a real database.
let handle: DatabaseHandle;
let project: Project;

beforeAll(async () => {
  const { createTestDatabase } = await import("@/testing/database");
  const { setDatabaseHandle } = await import("@/db");
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
  const { createTeam } = await import("@/db/queries/teams");
  const { createProject } = await import("@/db/queries/projects");
  const { defaultProjectSettings } = await import("@/lib/projects/settings");
  const team = await createTeam({ db: handle.db, name: "Reap", slug: `reap-${Date.now()}` });
  project = await createProject({
    db: handle.db,
    values: {
      teamId: team.id,
      provider: "local",
      repository: "/nowhere",
      name: "p",
      settings: defaultProjectSettings({ requireAcceptance: true }),
    },
  });
});
afterAll(() => handle?.close());

async function runIn(state: RunState) {
  const { insertRun } = await import("@/db/queries/runs");
  return insertRun({
    db: handle.db,
    values: {
      projectId: project.id,
      source: "api",
      goal: "g",
      baseBranch: "main",
      budget: { maxAttempts: 3, maxDollars: 5, maxMinutes: 60 },
      state,
    },
  });
}

describe("reapPreviews", () => {
  it("stops live previews of ended runs and idle previews, and leaves the rest", async () => {
    const { insertPreview, getPreviewById } = await import("@/db/queries/previews");
    const { reapPreviews } = await import("./reap-previews");
    const db = handle.db;
    const ended = await insertPreview({
      db,
      runId: (await runIn("merged")).id,
      values: { status: "ready", port: 4190, url: "http://127.0.0.1:4190" },
    });
    const live = await runIn("ready");
    const idle = await insertPreview({ db, runId: live.id, values: { status: "ready", port: 4191 } });
    const fresh = await insertPreview({
      db,
      runId: (await runIn("ready")).id,
      values: { status: "ready", port: 4192 },
    });
    const alreadyStopped = await insertPreview({
      db,
      runId: (await runIn("failed")).id,
      values: { status: "stopped", port: 4193 },
    });

    const later = new Date(Date.now() + 5 * 60_000);
    // idleMs 2 min, "now" 5 min on: the idle one is due, the fresh one was used 30 s before.
    const { updatePreview } = await import("@/db/queries/previews");
    await updatePreview({ db, id: fresh.id, values: { updatedAt: new Date(later.getTime() - 30_000) } });
    const reaped = await reapPreviews({ db, idleMs: 2 * 60_000, now: later });

    expect(reaped.sort()).toEqual([ended.id, idle.id].sort());
    expect(await getPreviewById({ db, id: ended.id })).toMatchObject({
      status: "stopped",
      lastError: "Stopped because the run ended.",
    });
    expect((await getPreviewById({ db, id: idle.id }))!.lastError).toMatch(/Stopped after 2 min without use/);
    expect((await getPreviewById({ db, id: fresh.id }))!.status).toBe("ready");
    expect((await getPreviewById({ db, id: alreadyStopped.id }))!.status).toBe("stopped");
  });
});

describe("the requireAcceptance merge policy", () => {
  it("hands a run whose acceptance checks are not all met to a person instead of merging", async () => {
    const { upsertValidation } = await import("@/db/queries/validations");
    const { pullRequests } = await import("@/db/schema");
    const { mergeRun } = await import("@/lib/pipeline/merge-run");
    const { getRunById } = await import("@/db/queries/runs");
    const db = handle.db;
    const run = await runIn("ready");
    await db.insert(pullRequests).values({
      projectId: project.id,
      runId: run.id,
      number: 1,
      title: "t",
      headBranch: `mergeline/run-${run.id}`,
      baseBranch: "main",
    });
    await upsertValidation({
      db,
      runId: run.id,
      attempt: 1,
      values: {
        status: "passed",
        acceptance: [{ description: "The page renders", passed: false, evidence: "GET / answered 500." }],
      },
    });
    expect(await mergeRun({ db, runId: run.id })).toEqual({ merged: false, reason: "acceptance checks not met" });
    const after = await getRunById({ db, id: run.id });
    expect(after!.state).toBe("needs_human");
  });
});
