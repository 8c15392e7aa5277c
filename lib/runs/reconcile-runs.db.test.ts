import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { setRunPipelineEvent } from "@/db/queries/run-reconciliation";
import { createProject } from "@/db/queries/projects";
import { getRunById, insertRun } from "@/db/queries/runs";
import { createTeam } from "@/db/queries/teams";
import { type RunState, runEvents, runs } from "@/db/schema";
import { defaultProjectSettings } from "@/lib/projects/settings";
import { createTestDatabase } from "@/testing/database";
import type { PipelineFunctionRun } from "./reconcile-runs-engine";

// Reconciliation on a real database with a stand-in for Inngest's REST API: which runs are
// resumed, which are ended (with what reason), which are left alone; and that each is
// handled once, however many reconciliations run.

vi.mock("@/lib/inngest/client", () => ({ inngest: { send: async () => ({ ids: [] }) } }));
const { reconcileRuns } = await import("./reconcile-runs");

const MINUTE = 60_000;
let handle: DatabaseHandle;
let projectId = "";
// Function runs per event id, as Inngest would list them.
const engineRuns = new Map<string, PipelineFunctionRun[]>();
let engineDown = false;
// The run/requested events Inngest lists, by run id (for runs that did not record theirs).
const listedEvents = new Map<string, string>();
const engine = {
  functionRunsOf: async (eventId: string) => {
    if (engineDown) throw new Error("connect ECONNREFUSED");
    return engineRuns.get(eventId) ?? [];
  },
  runRequestedEventOf: async (run: { id: string }) => listedEvents.get(run.id) ?? null,
};
const resent: string[] = [];
const resend = async (run: { id: string }, key: string) => {
  resent.push(`${run.id}:${key}`);
  const eventId = `resent-${resent.length}`;
  engineRuns.set(eventId, [functionRun("Running")]);
  return eventId;
};

function functionRun(status: string, extra: Partial<PipelineFunctionRun> = {}): PipelineFunctionRun {
  return { runId: "01FN", functionId: "mergeline-run-pipeline", status, endedAt: null, error: null, ...extra };
}

async function strandedRun(
  state: RunState,
  { autoConfirm = true, quietFor = 10 * MINUTE, resumes = 0, recorded = true } = {},
) {
  const at = new Date(Date.now() - quietFor);
  const run = await insertRun({
    db: handle.db,
    values: {
      projectId,
      source: "api",
      goal: `A ${state} run`,
      baseBranch: "main",
      budget: defaultProjectSettings().budget,
      state,
      autoConfirm,
      stateChangedAt: at,
      pipelineResumes: resumes,
    },
  });
  const eventId = `event-${run.id}`;
  if (recorded) await setRunPipelineEvent({ db: handle.db, runId: run.id, eventId, at });
  await handle.db.update(runs).set({ createdAt: at }).where(eq(runs.id, run.id));
  return { id: run.id, eventId };
}

const endings = (runId: string) =>
  handle.db
    .select()
    .from(runEvents)
    .where(and(eq(runEvents.runId, runId), eq(runEvents.type, "state.changed")));

beforeAll(async () => {
  handle = await createTestDatabase();
  const team = await createTeam({ db: handle.db, name: "Reconciled", slug: "reconciled" });
  const project = await createProject({
    db: handle.db,
    values: {
      teamId: team.id,
      provider: "local",
      repository: "/tmp/reconciled",
      name: "reconciled",
      settings: defaultProjectSettings(),
    },
  });
  projectId = project.id;
});
afterAll(() => handle?.close());

describe("reconcileRuns", () => {
  it("resumes a coding run with no function run behind it, once, however many reconciliations race", async () => {
    const run = await strandedRun("coding");
    const results = await Promise.all([1, 2, 3].map(() => reconcileRuns({ db: handle.db, engine, resend })));
    expect(results.flat().filter((entry) => entry.runId === run.id)).toEqual([
      {
        runId: run.id,
        state: "coding",
        action: "resumed",
        reason: "The pipeline was resumed while the run was coding",
      },
    ]);
    expect(resent.filter((entry) => entry.startsWith(run.id))).toEqual([`${run.id}:run-requested:${run.id}:resume-1`]);
    const after = await getRunById({ db: handle.db, id: run.id });
    expect(after).toMatchObject({
      state: "coding",
      pipelineResumes: 1,
      pipelineEventId: expect.stringMatching(/^resent-/),
    });
    // The resumed pipeline is running: later reconciliations (the cron) leave it alone.
    const later = new Date(Date.now() + 10 * MINUTE);
    expect(await reconcileRuns({ db: handle.db, engine, resend, now: later })).toEqual([]);
  });

  it("ends a run it cannot resume as failed, with a reason a person can act on, once", async () => {
    const validating = await strandedRun("validating");
    const approvedByPerson = await strandedRun("coding", { autoConfirm: false });
    // The engine failed the pipeline because the app did not answer (an engine before this fix).
    engineRuns.set(validating.eventId, [
      functionRun("Failed", {
        endedAt: new Date(Date.now() - 5 * MINUTE),
        error: "Could not call the app at http://127.0.0.1:3000/api/inngest: fetch failed",
      }),
    ]);
    const results = (await Promise.all([1, 2].map(() => reconcileRuns({ db: handle.db, engine, resend })))).flat();
    expect(results.filter((entry) => entry.runId === validating.id)).toEqual([
      {
        runId: validating.id,
        state: "validating",
        action: "failed",
        reason: "The pipeline stopped while the run was validating and could not be resumed; Retry starts it again",
      },
    ]);
    expect(results.filter((entry) => entry.runId === approvedByPerson.id)).toMatchObject([{ action: "failed" }]);
    for (const id of [validating.id, approvedByPerson.id]) {
      expect(await getRunById({ db: handle.db, id })).toMatchObject({ state: "failed" });
      expect((await endings(id)).map((event) => event.toState)).toEqual(["failed"]);
    }
  });

  it("ends a run whose pipeline failed on its own with the pipeline's error, and one given up after 3 resumes", async () => {
    const failed = await strandedRun("coding");
    engineRuns.set(failed.eventId, [
      functionRun("Failed", { endedAt: new Date(Date.now() - 5 * MINUTE), error: "The agent crashed" }),
    ]);
    const tired = await strandedRun("planning", { resumes: 3 });
    const results = await reconcileRuns({ db: handle.db, engine, resend });
    expect(results.find((entry) => entry.runId === failed.id)?.reason).toBe(
      "The pipeline failed while the run was coding: The agent crashed",
    );
    expect(results.find((entry) => entry.runId === tired.id)?.reason).toBe(
      "The pipeline stopped while the run was planning, again after 3 resumes; Retry starts it again",
    );
  });

  it("leaves alone runs whose pipeline runs, finished, or ended a moment ago, recent runs, and everything when Inngest is away", async () => {
    const running = await strandedRun("coding");
    engineRuns.set(running.eventId, [functionRun("Running")]);
    const autoMerging = await strandedRun("merging");
    engineRuns.set(autoMerging.eventId, [functionRun("Completed", { endedAt: new Date(Date.now() - 9 * MINUTE) })]);
    const justFailed = await strandedRun("coding");
    engineRuns.set(justFailed.eventId, [functionRun("Failed", { endedAt: new Date(), error: "boom" })]);
    const recent = await strandedRun("coding", { quietFor: 10_000 });
    // Its pipeline's record pruned, waiting for GitHub to merge.
    const waitingForGithub = await strandedRun("merging");
    expect(await reconcileRuns({ db: handle.db, engine, resend })).toEqual([]);

    const stranded = await strandedRun("coding");
    engineDown = true;
    expect(await reconcileRuns({ db: handle.db, engine, resend })).toEqual([]);
    engineDown = false;
    for (const id of [running.id, autoMerging.id, justFailed.id, recent.id, waitingForGithub.id, stranded.id])
      expect((await endings(id)).length).toBe(0);
  });

  it("finds the event of a run made before runs recorded it, and reconciles it like any other", async () => {
    const alive = await strandedRun("coding", { recorded: false });
    listedEvents.set(alive.id, alive.eventId);
    engineRuns.set(alive.eventId, [functionRun("Running")]);
    const lost = await strandedRun("planning", { recorded: false });
    const results = await reconcileRuns({ db: handle.db, engine, resend });
    expect(results.filter((entry) => entry.runId === alive.id)).toEqual([]);
    expect(await getRunById({ db: handle.db, id: alive.id })).toMatchObject({ pipelineEventId: alive.eventId });
    expect(results.filter((entry) => entry.runId === lost.id)).toMatchObject([{ action: "resumed" }]);
  });
});
