import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabaseHandle } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import { createProject } from "@/db/queries/projects";
import { getRunEvents } from "@/db/queries/run-events";
import { insertRun } from "@/db/queries/runs";
import { appendRunEvent } from "@/lib/runs/transition-run";
import { createTeam } from "@/db/queries/teams";
import { createTestDatabase } from "@/testing/database";
import { defaultProjectSettings } from "@/lib/projects/settings";
import { abortSignalForRun } from "@/lib/sandbox/run-aborts";
import { cancelRun } from "./cancel-run";
import { mergePullRequest } from "./merge-pull-request";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
});
afterAll(() => handle.close());

async function codingRun() {
  const team = await createTeam({ db: handle.db, name: "t", slug: `t-${crypto.randomUUID()}` });
  const project = await createProject({
    db: handle.db,
    values: {
      teamId: team.id,
      provider: "local",
      repository: "/nowhere",
      name: "p",
      settings: defaultProjectSettings(),
    },
  });
  return insertRun({
    db: handle.db,
    values: {
      projectId: project.id,
      source: "api",
      goal: "g",
      baseBranch: "main",
      budget: project.settings.budget,
      state: "coding",
    },
  });
}

describe("cancel-run", () => {
  it("aborts what the run has running and records the cancellation once", async () => {
    const run = await codingRun();
    const signal = abortSignalForRun(run.id);
    const request = await appendRunEvent({
      db: handle.db,
      runId: run.id,
      type: "cancel.requested",
      data: { reason: "wrong goal", userId: null },
    });
    const deliver = () =>
      new InngestTestEngine({
        function: cancelRun,
        events: [
          { name: "run/cancel.requested", data: { runId: run.id, requestSeq: request.seq, reason: "wrong goal" } },
        ],
      }).execute();
    expect((await deliver()).result).toEqual({ ended: true });
    expect(signal.aborted).toBe(true);
    const events = (await getRunEvents({ db: handle.db, runId: run.id })).filter(
      (event) => event.type === "state.changed",
    );
    expect(events.map((event) => [event.fromState, event.toState, event.data.reason])).toEqual([
      ["coding", "cancelled", "Cancelled: wrong goal"],
    ]);
    // A second request changes nothing.
    expect((await deliver()).result).toEqual({ ended: false });
    expect(await getRunEvents({ db: handle.db, runId: run.id })).toHaveLength(2);
  });

  it("ignores a cancel request nobody recorded (a forged event), and changes nothing", async () => {
    const run = await codingRun();
    const signal = abortSignalForRun(run.id);
    const { result } = await new InngestTestEngine({
      function: cancelRun,
      events: [{ name: "run/cancel.requested", data: { runId: run.id, requestSeq: 1, reason: "forged" } }],
    }).execute();
    expect(result).toEqual({ ended: false, ignored: true });
    expect(signal.aborted).toBe(false);
    expect(await getRunEvents({ db: handle.db, runId: run.id })).toEqual([]);
  });
});

describe("merge-pull-request", () => {
  it("is serialized per repository", () => {
    expect(mergePullRequest.opts.concurrency).toEqual([{ limit: 1, key: "event.data.repositoryKey" }]);
  });
});
