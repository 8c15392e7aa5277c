import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { setDatabaseHandle } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import { createProject } from "@/db/queries/projects";
import { getRunById, getRunsByProjectId, insertRun } from "@/db/queries/runs";
import { insertPlanVersion } from "@/db/queries/plans";
import { createTeam } from "@/db/queries/teams";
import { insertUserIfAbsent } from "@/db/queries/users";
import { auditLog, type PlanContent, plans, type RunState } from "@/db/schema";
import { createTestDatabase } from "@/testing/database";
import type { UserActor } from "@/lib/auth/get-session-actor";
import { defaultProjectSettings } from "@/lib/projects/settings";

// The run page's plan decisions and retry, authorized by the signed-in person's role. The
// session is whatever the test says; events to the pipeline engine are recorded, not sent.
const state = vi.hoisted(() => ({
  actor: null as UserActor | null,
  sent: [] as { name: string; data: Record<string, unknown> }[],
}));
vi.mock("@/lib/auth/get-session-actor", () => ({
  getSessionActor: async (ip: string | null) => state.actor && { ...state.actor, ip },
}));
vi.mock("@/lib/auth/request-ip", () => ({ requestIp: async () => "203.0.113.9" }));
vi.mock("@/lib/inngest/client", () => ({
  inngest: { send: async (event: { name: string; data: Record<string, unknown> }) => void state.sent.push(event) },
}));

const { approvePlanAction, rejectPlanAction, retryRunAction } = await import("./actions");

const proposed: PlanContent = {
  summary: "Add removeItem",
  steps: [{ title: "Add the function", detail: "in src/cart.js" }, { title: "Test it" }],
  files: ["src/cart.js"],
  acceptanceChecks: [
    { description: "Removing drops the line", test: "removes a line" },
    { description: "The page renders", page: "/" },
  ],
};

let handle: DatabaseHandle;
const ids = { user: "", team: "", project: "", otherProject: "" };
const as = (role: "admin" | "member" | "viewer" | null, teamId = ids.team) =>
  (state.actor = { kind: "user", userId: ids.user, memberships: role ? [{ teamId, role }] : [], ip: null });

async function runAwaitingApproval(runState: RunState = "awaiting_approval", projectId = ids.project) {
  const db = handle.db;
  const run = await insertRun({
    db,
    values: {
      projectId,
      source: "dashboard",
      goal: "Remove items",
      baseBranch: "main",
      state: runState,
      budget: defaultProjectSettings().budget,
    },
  });
  await insertPlanVersion({ db, runId: run.id, status: "proposed", content: proposed });
  return run.id;
}
const versions = (runId: string) =>
  handle.db.select().from(plans).where(eq(plans.runId, runId)).orderBy(asc(plans.version));

beforeAll(async () => {
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
  const db = handle.db;
  ids.user = (await insertUserIfAbsent({ db, values: { email: "reviewer@example.com" } }))!.id;
  ids.team = (await createTeam({ db, name: "Mine", slug: "mine" })).id;
  const otherTeam = (await createTeam({ db, name: "Theirs", slug: "theirs" })).id;
  const values = { provider: "local" as const, name: "r", settings: defaultProjectSettings() };
  ids.project = (await createProject({ db, values: { ...values, repository: "/tmp/mine", teamId: ids.team } })).id;
  ids.otherProject = (
    await createProject({ db, values: { ...values, repository: "/tmp/theirs", teamId: otherTeam } })
  ).id;
});
afterAll(() => handle.close());
beforeEach(() => {
  state.actor = null;
  state.sent = [];
});

describe("plan review actions", () => {
  it("need a session, a role that may write, and the run's team; refused requests change nothing", async () => {
    const runId = await runAwaitingApproval();
    expect(await approvePlanAction({ runId })).toEqual({ ok: false, error: "Your session has ended; sign in again" });
    as("viewer");
    expect(await approvePlanAction({ runId })).toEqual({
      ok: false,
      error: "Your role in this team only allows viewing",
    });
    expect(await rejectPlanAction({ runId, reason: "no" })).toEqual({
      ok: false,
      error: "Your role in this team only allows viewing",
    });
    expect(await approvePlanAction({ runId, plan: proposed })).toEqual({
      ok: false,
      error: "Your role in this team only allows viewing",
    });
    as("admin", "00000000-0000-4000-8000-00000000dead");
    expect(await approvePlanAction({ runId })).toEqual({ ok: false, error: "Run not found" });
    const theirs = await runAwaitingApproval("awaiting_approval", ids.otherProject);
    as("member");
    expect(await approvePlanAction({ runId: theirs })).toEqual({ ok: false, error: "Run not found" });

    expect((await versions(runId)).map((plan) => plan.status)).toEqual(["proposed"]);
    expect((await versions(theirs)).map((plan) => plan.status)).toEqual(["proposed"]);
    expect(state.sent).toEqual([]);
  });

  it("reject bad input with a clear message and change nothing", async () => {
    const runId = await runAwaitingApproval();
    as("member");
    const bad: unknown[] = [
      { runId: "not-a-uuid" },
      { runId, plan: { ...proposed, steps: [] } },
      { runId, plan: { ...proposed, steps: [{ title: "   " }] } },
      { runId, plan: { ...proposed, acceptanceChecks: [] } },
      { runId, plan: { ...proposed, acceptanceChecks: [{ description: "x".repeat(1001) }] } },
      { runId, plan: { ...proposed, summary: 42 } },
      { runId, decision: "reject" },
    ];
    for (const input of bad) {
      const result = await approvePlanAction(input as Parameters<typeof approvePlanAction>[0]);
      expect(result.ok, JSON.stringify(input).slice(0, 80)).toBe(false);
    }
    expect(await approvePlanAction({ runId, plan: { ...proposed, steps: [] } })).toEqual({
      ok: false,
      error: expect.stringContaining("plan.steps"),
      fieldErrors: { "plan.steps": expect.any(String) },
    });
    // A rejection needs its reason.
    expect(await rejectPlanAction({ runId, reason: "  " })).toEqual({
      ok: false,
      error: "reason: Say why the plan is rejected",
      fieldErrors: { reason: "Say why the plan is rejected" },
    });
    expect(await rejectPlanAction({ runId } as Parameters<typeof rejectPlanAction>[0])).toMatchObject({ ok: false });

    expect((await versions(runId)).map((plan) => plan.status)).toEqual(["proposed"]);
    expect((await getRunById({ db: handle.db, id: runId }))!.state).toBe("awaiting_approval");
    expect(state.sent).toEqual([]);
  });

  it("approve an edited plan as a new version, then the approval, and tell the pipeline", async () => {
    const runId = await runAwaitingApproval();
    as("member");
    const edited: PlanContent = {
      summary: "Add removeItem, and keep the cart immutable",
      steps: [
        { title: "Test it first" },
        { title: "Add the function", detail: "pure, returns a new array" },
        { title: "Run npm test" },
      ],
      files: ["src/cart.js", "test/cart.test.js"],
      acceptanceChecks: [
        { description: "The page renders", page: "/" },
        { description: "The input cart is unchanged", test: "leaves the input unchanged" },
      ],
    };
    expect(await approvePlanAction({ runId, plan: edited })).toEqual({ ok: true, planVersion: 3 });

    const stored = await versions(runId);
    expect(stored.map((plan) => [plan.version, plan.status, plan.authorId])).toEqual([
      [1, "proposed", null],
      [2, "edited", ids.user],
      [3, "approved", ids.user],
    ]);
    expect(stored[1]!.content).toEqual(edited);
    expect(stored[2]!.content).toEqual(edited);
    expect(state.sent).toEqual([
      expect.objectContaining({
        name: "run/plan.decided",
        data: expect.objectContaining({ runId, decision: "approve", planVersion: 3, userId: ids.user }),
      }),
    ]);
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.targetId, runId));
    expect(audit.map((entry) => entry.action).sort()).toEqual(["plan.approved", "plan.edited"]);
    expect(audit.every((entry) => entry.ipAddress === "203.0.113.9")).toBe(true);

    // A run that has moved past approval cannot have its plan decided any more.
    const coding = await runAwaitingApproval("coding");
    expect(await approvePlanAction({ runId: coding })).toEqual({
      ok: false,
      error: expect.stringContaining("only be decided while the run awaits approval"),
    });
  });

  it("approve the proposed plan as is, and reject another with the person's reason", async () => {
    as("admin");
    const approved = await runAwaitingApproval();
    expect(await approvePlanAction({ runId: approved })).toEqual({ ok: true, planVersion: 2 });
    expect((await versions(approved)).map((plan) => [plan.status, plan.content])).toEqual([
      ["proposed", proposed],
      ["approved", proposed],
    ]);

    const rejected = await runAwaitingApproval();
    expect(await rejectPlanAction({ runId: rejected, reason: " Wrong file: the cart lives in lib/ " })).toEqual({
      ok: true,
      planVersion: 2,
    });
    expect((await versions(rejected)).at(-1)).toMatchObject({
      status: "rejected",
      reason: "Wrong file: the cart lives in lib/",
    });
    expect(state.sent.at(-1)).toMatchObject({
      name: "run/plan.decided",
      data: { runId: rejected, decision: "reject", reason: "Wrong file: the cart lives in lib/" },
    });
  });
});

describe("retry", () => {
  it("starts a new run from an ended one for a member, and refuses a run still going or a viewer", async () => {
    const ended = await runAwaitingApproval("failed");
    const going = await runAwaitingApproval("coding");
    as("viewer");
    expect(await retryRunAction({ runId: ended })).toEqual({
      ok: false,
      error: "Your role in this team only allows viewing",
    });
    as("member");
    expect(await retryRunAction({ runId: going })).toEqual({
      ok: false,
      error: expect.stringContaining("Only an ended run can be retried"),
    });
    const before = (await getRunsByProjectId({ db: handle.db, projectId: ids.project, limit: 100 })).length;
    const result = await retryRunAction({ runId: ended });
    expect(result).toMatchObject({ ok: true, runId: expect.any(String) });
    const retry = await getRunById({ db: handle.db, id: (result as { runId: string }).runId });
    expect(retry).toMatchObject({ goal: "Remove items", createdBy: ids.user, state: "queued" });
    expect((await getRunsByProjectId({ db: handle.db, projectId: ids.project, limit: 100 })).length).toBe(before + 1);
  });

  it("retries with a chosen strategy, recorded for the new run's first attempt (and insights), and refuses an unknown one", async () => {
    const ended = await runAwaitingApproval("needs_human");
    as("member");
    const before = (await getRunsByProjectId({ db: handle.db, projectId: ids.project, limit: 100 })).length;
    const refused = await retryRunAction({ runId: ended, strategy: "try_harder" as "regenerate_prompt" });
    expect(refused).toMatchObject({ ok: false });
    expect((await getRunsByProjectId({ db: handle.db, projectId: ids.project, limit: 100 })).length).toBe(before);
    const result = await retryRunAction({ runId: ended, strategy: "simplified_scope" });
    expect(result).toMatchObject({ ok: true });
    const { getRunEventsOfTypes } = await import("@/db/queries/run-events");
    const [event] = await getRunEventsOfTypes({
      db: handle.db,
      runId: (result as { runId: string }).runId,
      types: ["run.retry_of"],
    });
    expect(event?.data).toEqual({ runId: ended, strategy: "simplified_scope" });
  });
});
