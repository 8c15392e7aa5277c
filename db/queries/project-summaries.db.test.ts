import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { type NewRun, pullRequests, runs, validations } from "@/db/schema";
import { createTestDatabase } from "@/testing/database";
import { defaultProjectSettings } from "@/lib/projects/settings";
import { getProjectFacets, getProjectSummaries, startOfWeekUtc } from "./project-summaries";
import { createProject } from "./projects";
import { createTeam } from "./teams";

// Known runs on a fixed clock, so every figure of a card can be worked out by hand.
const now = new Date("2026-11-18T12:00:00Z"); // a Wednesday
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3600_000);

let handle: DatabaseHandle;
const ids = {
  team: "",
  otherTeam: "",
  cart: "",
  lib: "",
  hidden: "",
  unpinned: "",
  coding: "",
  awaiting: "",
  mergedFast: "",
};

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  ids.team = (await createTeam({ db, name: "Mine", slug: "mine" })).id;
  ids.otherTeam = (await createTeam({ db, name: "Theirs", slug: "theirs" })).id;
  const project = async (teamId: string, name: string, pinned = true) =>
    (
      await createProject({
        db,
        values: {
          teamId,
          provider: "local",
          repository: `/repos/${name}`,
          name,
          pinned,
          settings: defaultProjectSettings(),
        },
      })
    ).id;
  ids.cart = await project(ids.team, "demo-cart");
  ids.lib = await project(ids.team, "other-lib");
  ids.hidden = await project(ids.otherTeam, "their-cart");
  ids.unpinned = await project(ids.team, "old-cart", false);

  const run = async (values: Partial<NewRun> & { state: NewRun["state"]; createdAt: Date }) => {
    const [row] = await db
      .insert(runs)
      .values({
        projectId: ids.cart,
        source: "dashboard",
        goal: `run ${values.state}`,
        baseBranch: "main",
        budget: defaultProjectSettings().budget,
        stateChangedAt: values.createdAt,
        ...values,
      })
      .returning();
    return row!.id;
  };
  // Merged this week in 60 minutes, $1.50.
  ids.mergedFast = await run({ state: "merged", createdAt: hoursAgo(48), finishedAt: hoursAgo(47), costUsd: "1.5" });
  // Merged last week (before Monday) in 180 minutes, $0.50: in the 30-day figures, not in this week's spend.
  await run({ state: "merged", createdAt: hoursAgo(24 * 5), finishedAt: hoursAgo(24 * 5 - 3), costUsd: "0.5" });
  // Failed yesterday: counts against the success rate and needs a person.
  await run({
    state: "failed",
    createdAt: hoursAgo(30),
    stateChangedAt: hoursAgo(24),
    finishedAt: hoursAgo(24),
    costUsd: "0.25",
  });
  // Cancelled: a person's choice, counted in neither success nor failure.
  await run({ state: "cancelled", createdAt: hoursAgo(20), finishedAt: hoursAgo(19) });
  // Merged 40 days ago: outside the 30-day window.
  await run({ state: "merged", createdAt: hoursAgo(24 * 40), finishedAt: hoursAgo(24 * 40 - 10) });
  // Failed 20 days ago: in the 30-day figures, but no longer needs attention.
  await run({ state: "failed", createdAt: hoursAgo(24 * 20), finishedAt: hoursAgo(24 * 20) });
  ids.awaiting = await run({ state: "awaiting_approval", createdAt: hoursAgo(3) });
  ids.coding = await run({ state: "coding", createdAt: hoursAgo(1), costUsd: "0.75" });

  await db.insert(validations).values([
    { runId: ids.mergedFast, projectId: ids.cart, attempt: 1, status: "failed" },
    { runId: ids.mergedFast, projectId: ids.cart, attempt: 2, status: "passed", finishedAt: hoursAgo(47) },
  ]);
  await db.insert(pullRequests).values([
    {
      projectId: ids.cart,
      runId: ids.mergedFast,
      number: 1,
      title: "First",
      headBranch: "a",
      baseBranch: "main",
      state: "merged",
    },
    {
      projectId: ids.cart,
      runId: ids.coding,
      number: 2,
      title: "Second",
      headBranch: "b",
      baseBranch: "main",
      state: "open",
    },
  ]);
});
afterAll(() => handle.close());

describe("getProjectSummaries", () => {
  it("computes each figure of a card from the project's runs", async () => {
    const summaries = await getProjectSummaries({ db: handle.db, teamIds: [ids.team], limit: 10, now });
    expect(summaries.map((summary) => summary.project.name)).toEqual(["demo-cart", "other-lib"]);
    const [cart, lib] = summaries;
    expect(cart).toMatchObject({
      teamName: "Mine",
      activeRunCount: 2,
      attentionCount: 2,
      endedRuns30d: 4,
      lastPullRequest: { number: 2, title: "Second", state: "open", runId: ids.coding },
      lastValidation: { runId: ids.mergedFast, attempt: 2, status: "passed" },
      latestRun: { id: ids.coding, state: "coding" },
    });
    expect(cart!.project).toMatchObject({ id: ids.cart, pinned: true, settings: defaultProjectSettings() });
    expect(cart!.project.createdAt).toBeInstanceOf(Date);
    expect(cart!.activeRuns.map((run) => run.id)).toEqual([ids.coding, ids.awaiting]);
    expect(cart!.successRate).toBeCloseTo(2 / 4);
    expect(cart!.medianMinutesToMerge).toBeCloseTo(120);
    expect(cart!.spendThisWeekUsd).toBeCloseTo(1.5 + 0.25 + 0.75);
    expect(lib).toMatchObject({
      activeRuns: [],
      activeRunCount: 0,
      attentionCount: 0,
      latestRun: null,
      lastPullRequest: null,
      lastValidation: null,
      successRate: null,
      medianMinutesToMerge: null,
      spendThisWeekUsd: 0,
    });
  });

  it("searches names and repositories, filters by status and counts each filter", async () => {
    const db = handle.db;
    const names = async (options: Omit<Parameters<typeof getProjectSummaries>[0], "db" | "teamIds" | "limit">) =>
      (await getProjectSummaries({ db, teamIds: [ids.team], limit: 10, now, ...options })).map(
        (summary) => summary.project.name,
      );
    expect(await names({ query: "CART" })).toEqual(["demo-cart"]);
    expect(await names({ query: "repos/other" })).toEqual(["other-lib"]);
    expect(await names({ query: "%" })).toEqual([]);
    expect(await names({ status: "active" })).toEqual(["demo-cart"]);
    expect(await names({ status: "attention" })).toEqual(["demo-cart"]);
    expect(await names({ status: "idle" })).toEqual(["other-lib"]);
    expect(
      await getProjectSummaries({ db, teamIds: [ids.team], status: "idle", query: "cart", limit: 10, now }),
    ).toEqual([]);
    expect(await getProjectFacets({ db, teamIds: [ids.team], query: "cart", now })).toEqual({
      all: 1,
      active: 1,
      attention: 1,
      idle: 0,
    });
    expect(await getProjectFacets({ db, teamIds: [ids.team], now })).toEqual({
      all: 2,
      active: 1,
      attention: 1,
      idle: 1,
    });
    expect(await getProjectFacets({ db, teamIds: [ids.team, ids.otherTeam], now })).toEqual({
      all: 3,
      active: 1,
      attention: 1,
      idle: 2,
    });
    expect(await getProjectFacets({ db, teamIds: [], now })).toEqual({ all: 0, active: 0, attention: 0, idle: 0 });
  });

  it("pages by (created_at, id) and shows only pinned projects of the given teams", async () => {
    const db = handle.db;
    const first = await getProjectSummaries({ db, teamIds: [ids.team], limit: 1, now });
    expect(first.map((summary) => summary.project.id)).toEqual([ids.cart]);
    const second = await getProjectSummaries({
      db,
      teamIds: [ids.team],
      limit: 1,
      now,
      after: { createdAt: first[0]!.pageCreatedAt, id: ids.cart },
    });
    expect(second.map((summary) => summary.project.id)).toEqual([ids.lib]);
    const both = await getProjectSummaries({ db, teamIds: [ids.team, ids.otherTeam], limit: 10, now });
    expect(both.map((summary) => summary.project.id)).toEqual([ids.cart, ids.lib, ids.hidden]);
    expect(await getProjectSummaries({ db, teamIds: [], limit: 10, now })).toEqual([]);
  });

  it("starts the week on Monday, UTC", () => {
    expect(startOfWeekUtc(now).toISOString()).toBe("2026-11-16T00:00:00.000Z");
    expect(startOfWeekUtc(new Date("2026-11-22T23:59:00Z")).toISOString()).toBe("2026-11-16T00:00:00.000Z");
    expect(startOfWeekUtc(new Date("2026-11-23T00:00:00Z")).toISOString()).toBe("2026-11-23T00:00:00.000Z");
  });
});
