import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { type NewRun, runs } from "@/db/schema";
import { createTestDatabase } from "@/testing/database";
import { defaultProjectSettings } from "@/lib/projects/settings";
import { transitionRun } from "@/lib/runs/transition-run";
import type { RealtimeEvent } from "@/realtime/contract";
import { getNotificationProjectIds, getNotifications, markNotificationsRead } from "./notifications";
import { createProject } from "./projects";
import { createTeam } from "./teams";
import { insertUserIfAbsent } from "./users";

// What the app publishes, recorded at lib/platform/realtime's publish (which then goes on to the
// sidecar over HTTP, or through Postgres when DATABASE_URL is set: tested elsewhere).
const sidecar = vi.hoisted(() => ({ published: [] as unknown[] }));
vi.mock("@/lib/platform/realtime", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/platform/realtime")>();
  return {
    ...actual,
    publish: async (input: Parameters<typeof actual.publish>[0]) => {
      sidecar.published.push(input);
      return true;
    },
  };
});

const now = new Date("2026-11-18T12:00:00Z");
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3600_000);

let handle: DatabaseHandle;
const ids = {
  user: "",
  other: "",
  team: "",
  project: "",
  otherProject: "",
  awaiting: "",
  failed: "",
  oldFailed: "",
  needsHuman: "",
  coding: "",
  theirs: "",
};

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  ids.user = (await insertUserIfAbsent({ db, values: { email: "me@example.com" } }))!.id;
  ids.other = (await insertUserIfAbsent({ db, values: { email: "you@example.com" } }))!.id;
  ids.team = (await createTeam({ db, name: "Mine", slug: "mine" })).id;
  const otherTeam = (await createTeam({ db, name: "Theirs", slug: "theirs" })).id;
  const project = async (teamId: string, name: string) =>
    (
      await createProject({
        db,
        values: { teamId, provider: "local", repository: `/repos/${name}`, name, settings: defaultProjectSettings() },
      })
    ).id;
  ids.project = await project(ids.team, "cart");
  ids.otherProject = await project(otherTeam, "their-cart");
  const run = async (
    values: Partial<NewRun> & { state: NewRun["state"]; stateChangedAt: Date },
    projectId = ids.project,
  ) =>
    (
      await db
        .insert(runs)
        .values({
          projectId,
          source: "api",
          goal: `goal ${values.state}`,
          baseBranch: "main",
          budget: defaultProjectSettings().budget,
          ...values,
        })
        .returning()
    )[0]!.id;
  ids.awaiting = await run({ state: "awaiting_approval", stateChangedAt: hoursAgo(24 * 30) });
  ids.failed = await run({ state: "failed", stateChangedAt: hoursAgo(2) });
  ids.needsHuman = await run({ state: "needs_human", stateChangedAt: hoursAgo(1) });
  ids.oldFailed = await run({ state: "failed", stateChangedAt: hoursAgo(24 * 20) });
  ids.coding = await run({ state: "coding", stateChangedAt: hoursAgo(1) });
  ids.theirs = await run({ state: "awaiting_approval", stateChangedAt: hoursAgo(1) }, ids.otherProject);
});
afterAll(async () => {
  await handle.close();
});

const read = (userId = ids.user) => getNotifications({ db: handle.db, userId, teamIds: [ids.team], now });

describe("notifications", () => {
  it("list runs that need a person in the user's teams, newest first, all unread at first", async () => {
    const { unreadCount, items } = await read();
    expect(unreadCount).toBe(3);
    expect(items.map((item) => [item.runId, item.state, item.read])).toEqual([
      [ids.needsHuman, "needs_human", false],
      [ids.failed, "failed", false],
      [ids.awaiting, "awaiting_approval", false],
    ]);
    expect(items[0]).toMatchObject({ projectId: ids.project, projectName: "cart", goal: "goal needs_human" });
    expect(await getNotifications({ db: handle.db, userId: ids.user, teamIds: [], now })).toEqual({
      unreadCount: 0,
      items: [],
    });
  });

  it("mark one, then all, read for one user only; a run that needs a person again is unread again", async () => {
    const db = handle.db;
    expect(await markNotificationsRead({ db, userId: ids.user, teamIds: [ids.team], runIds: [ids.failed], now })).toBe(
      1,
    );
    expect((await read()).unreadCount).toBe(2);
    expect((await read()).items.find((item) => item.runId === ids.failed)!.read).toBe(true);
    // Another team's run is not marked (nor listed).
    expect(await markNotificationsRead({ db, userId: ids.user, teamIds: [ids.team], runIds: [ids.theirs], now })).toBe(
      0,
    );
    expect(await markNotificationsRead({ db, userId: ids.user, teamIds: [ids.team], now })).toBe(3);
    expect((await read()).unreadCount).toBe(0);
    expect((await read(ids.other)).unreadCount).toBe(3);
    await db
      .update(runs)
      .set({ stateChangedAt: new Date(now.getTime() + 60_000) })
      .where(eq(runs.id, ids.awaiting));
    expect((await read()).unreadCount).toBe(1);
  });

  it("listens to the rooms of the teams' projects", async () => {
    expect(await getNotificationProjectIds({ db: handle.db, teamIds: [ids.team] })).toEqual([ids.project]);
  });

  it("are announced: a run that starts needing a person publishes notification.new to its project's room", async () => {
    const db = handle.db;
    const run = (
      await db
        .insert(runs)
        .values({
          projectId: ids.project,
          source: "api",
          goal: "g",
          baseBranch: "main",
          budget: defaultProjectSettings().budget,
          state: "planning",
        })
        .returning()
    )[0]!;
    sidecar.published.length = 0;
    await transitionRun({ db, runId: run.id, to: "awaiting_approval" });
    const events = sidecar.published as RealtimeEvent[];
    expect(events.map((event) => event.type)).toEqual(["plan.proposed", "notification.new"]);
    expect(events[1]).toMatchObject({ projectId: ids.project, runId: run.id, data: { state: "awaiting_approval" } });
    sidecar.published.length = 0;
    await transitionRun({ db, runId: run.id, to: "coding" });
    expect((sidecar.published as RealtimeEvent[]).map((event) => event.type)).toEqual(["project.status.updated"]);
  });
});
