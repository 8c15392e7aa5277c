import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { setDatabaseHandle } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import { createProject } from "@/db/queries/projects";
import { getRunById, insertRun } from "@/db/queries/runs";
import { createTeam } from "@/db/queries/teams";
import { insertUserIfAbsent } from "@/db/queries/users";
import { auditLog, runs } from "@/db/schema";
import { runGit } from "@/lib/workspaces/run-git";
import { createGitRepository } from "@/testing/api/api-fixture";
import { createTestDatabase } from "@/testing/database";
import type { UserActor } from "@/lib/auth/get-session-actor";
import { defaultProjectSettings } from "@/lib/projects/settings";

// The dashboard's server actions authorize by the signed-in person's team role. The
// session is whatever the test says; events to the pipeline are recorded, not sent.
const state = vi.hoisted(() => ({ actor: null as UserActor | null, sent: [] as unknown[] }));
vi.mock("@/lib/auth/get-session-actor", () => ({
  getSessionActor: async (ip: string | null) => state.actor && { ...state.actor, ip },
}));
vi.mock("@/lib/auth/request-ip", () => ({ requestIp: async () => "198.51.100.23" }));
vi.mock("@/lib/inngest/client", () => ({ inngest: { send: async (event: unknown) => void state.sent.push(event) } }));

const { cancelRunAction, markNotificationsReadAction, startRunAction } = await import("./actions");

let handle: DatabaseHandle;
const ids = { user: "", team: "", otherTeam: "", project: "", otherProject: "", run: "", repository: "" };
const as = (role: "admin" | "member" | "viewer" | null) =>
  (state.actor = { kind: "user", userId: ids.user, memberships: role ? [{ teamId: ids.team, role }] : [], ip: null });

beforeAll(async () => {
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
  const db = handle.db;
  ids.user = (await insertUserIfAbsent({ db, values: { email: "person@example.com" } }))!.id;
  ids.team = (await createTeam({ db, name: "Mine", slug: "mine" })).id;
  ids.otherTeam = (await createTeam({ db, name: "Theirs", slug: "theirs" })).id;
  // A real repository: a new run's base branch is checked in it (main, and release).
  ids.repository = await createGitRepository();
  await runGit(ids.repository, ["branch", "release"]);
  const values = {
    provider: "local" as const,
    repository: ids.repository,
    name: "r",
    settings: defaultProjectSettings(),
  };
  ids.project = (await createProject({ db, values: { ...values, teamId: ids.team } })).id;
  ids.otherProject = (await createProject({ db, values: { ...values, teamId: ids.otherTeam } })).id;
  ids.run = (
    await insertRun({
      db,
      values: {
        projectId: ids.project,
        source: "dashboard",
        goal: "g",
        baseBranch: "main",
        budget: defaultProjectSettings().budget,
      },
    })
  ).id;
});
afterAll(() => handle.close());
beforeEach(() => {
  state.actor = null;
  state.sent = [];
});

describe("dashboard actions", () => {
  it("need a session", async () => {
    expect(await startRunAction({ projectId: ids.project, goal: "Add removeItem" })).toEqual({
      ok: false,
      error: "Your session has ended; sign in again",
    });
    expect(await cancelRunAction({ runId: ids.run })).toMatchObject({ ok: false });
    expect(state.sent).toEqual([]);
  });

  it("let a member start and cancel runs in their team", async () => {
    as("member");
    const started = await startRunAction({ projectId: ids.project, goal: "Add removeItem" });
    expect(started).toMatchObject({ ok: true, runId: expect.any(String) });
    expect(await getRunById({ db: handle.db, id: (started as { runId: string }).runId })).toMatchObject({
      createdBy: ids.user,
      source: "dashboard",
    });
    expect(await cancelRunAction({ runId: ids.run })).toEqual({ ok: true });
    expect(state.sent).toHaveLength(2);
  });

  it("audit a cancellation like the REST API does: who, what, on which run, from where", async () => {
    as("member");
    expect(await cancelRunAction({ runId: ids.run, reason: "wrong goal" })).toEqual({ ok: true });
    const entries = await handle.db.select().from(auditLog).where(eq(auditLog.targetId, ids.run));
    expect(entries.at(-1)).toMatchObject({
      teamId: ids.team,
      actorType: "user",
      actorId: ids.user,
      action: "run.cancel_requested",
      targetType: "run",
      ipAddress: "198.51.100.23",
      data: { reason: "wrong goal" },
    });
  });

  it("refuse a viewer", async () => {
    as("viewer");
    expect(await startRunAction({ projectId: ids.project, goal: "Add removeItem" })).toEqual({
      ok: false,
      error: "Your role in this team only allows viewing",
    });
    expect(await cancelRunAction({ runId: ids.run })).toEqual({
      ok: false,
      error: "Your role in this team only allows viewing",
    });
    expect(state.sent).toEqual([]);
  });

  it("treat another team's project and runs as not found", async () => {
    as(null);
    expect(await startRunAction({ projectId: ids.project, goal: "Add removeItem" })).toEqual({
      ok: false,
      error: "Project not found",
    });
    as("admin");
    expect(await startRunAction({ projectId: ids.otherProject, goal: "Add removeItem" })).toEqual({
      ok: false,
      error: "Project not found",
    });
    state.actor = { kind: "user", userId: ids.user, memberships: [{ teamId: ids.otherTeam, role: "admin" }], ip: null };
    expect(await cancelRunAction({ runId: ids.run })).toEqual({ ok: false, error: "Run not found" });
    expect(state.sent).toEqual([]);
  });

  it("start a run on a target branch, and name the fields at fault without starting anything", async () => {
    as("member");
    const started = await startRunAction({
      projectId: ids.project,
      goal: "Add removeItem",
      baseBranch: "release",
      autoConfirm: true,
    });
    expect(await getRunById({ db: handle.db, id: (started as { runId: string }).runId })).toMatchObject({
      baseBranch: "release",
      autoConfirm: true,
    });
    const defaults = await startRunAction({ projectId: ids.project, goal: "Add removeItem", baseBranch: "" });
    expect(await getRunById({ db: handle.db, id: (defaults as { runId: string }).runId })).toMatchObject({
      baseBranch: "main",
      autoConfirm: false,
    });
    state.sent = [];
    const refused = await startRunAction({
      projectId: ids.project,
      goal: "x",
      baseBranch: "-rf",
      acceptanceCriteria: ["ok", " "],
    });
    expect(refused).toMatchObject({
      ok: false,
      fieldErrors: {
        goal: expect.any(String),
        baseBranch: "Must be a valid branch name",
        "acceptanceCriteria.1": expect.any(String),
      },
    });
    expect(state.sent).toEqual([]);
  });

  it("refuse a base branch the repository lacks, a NUL and a bad id, starting nothing", async () => {
    as("member");
    const before = await handle.db.select().from(runs);
    expect(await startRunAction({ projectId: ids.project, goal: "Add removeItem", baseBranch: "nope" })).toEqual({
      ok: false,
      error: "Some fields need a fix",
      fieldErrors: { baseBranch: `There is no branch "nope" in ${ids.repository}` },
    });
    expect(await startRunAction({ projectId: ids.project, goal: "Add a\u0000thing" })).toMatchObject({
      ok: false,
      fieldErrors: { goal: expect.stringMatching(/NUL/) },
    });
    expect(await startRunAction({ projectId: "not-a-uuid", goal: "Add removeItem" })).toMatchObject({
      ok: false,
      fieldErrors: { projectId: "Must be a UUID" },
    });
    expect(await cancelRunAction({ runId: "x\u0000" })).toMatchObject({
      ok: false,
      fieldErrors: { runId: expect.stringMatching(/NUL/) },
    });
    expect(await handle.db.select().from(runs)).toEqual(before);
    expect(state.sent).toEqual([]);
  });

  it("mark notifications read only for a signed-in person", async () => {
    expect(await markNotificationsReadAction({})).toMatchObject({ ok: false });
    as("viewer");
    expect(await markNotificationsReadAction({})).toEqual({ ok: true, marked: 0 });
    expect(await markNotificationsReadAction({ runIds: ["not-a-uuid"] })).toMatchObject({
      ok: false,
      fieldErrors: { "runIds.0": expect.any(String) },
    });
  });
});
