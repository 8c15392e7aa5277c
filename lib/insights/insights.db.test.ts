import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { recomputeInsightRollups, setRollupCompleteThrough } from "@/db/queries/insight-rollups";
import { createProject } from "@/db/queries/projects";
import { createTeam } from "@/db/queries/teams";
import { type CommandResult, insightDailyRollups, pullRequests, runEvents, runs, validations } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys";
import { defaultProjectSettings } from "@/lib/projects/settings";
import { callJson } from "@/testing/api/call-api";
import { createTestDatabase } from "@/testing/database";
import { planInsightRollups } from "./plan-insight-rollups";

// Insights against a seeded dataset whose figures this test computes on its own, from the
// seed's description (not from the database): counts, rates, exact percentiles, cost per
// merged run, retries by strategy and failing tests, for a team and for a project, over a
// period; read back through GET /api/v1/insights after the rollups are computed.

vi.hoisted(() => vi.stubEnv("RATE_LIMIT_WRITE_MAX", "1000000"));

type Spec = {
  project: "a" | "b" | "other";
  created: number; // ms since START
  ended: number | null;
  state: "merged" | "failed" | "cancelled" | "needs_human" | "coding";
  merge?: "auto" | "person" | "github";
  cost: number;
  input: number;
  output: number;
  prAt: number | null;
  retry?: string | null; // a retry, with this strategy (null: none named)
  validations: { attempt: number; passed: boolean; start: number; end: number; failing: string[] }[];
};

const START = Date.parse("2026-11-01T00:00:00Z");
const DAY = 86_400_000;
const HOUR = 3_600_000;
const dayOf = (offset: number) => new Date(START + offset).toISOString().slice(0, 10);

// A deterministic generator, so the dataset is the same on every run.
function prng(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function seedSpecs(): Spec[] {
  const random = prng(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const specs: Spec[] = [];
  for (let index = 0; index < 240; index++) {
    const created = Math.floor(random() * 6 * DAY);
    const state = pick(["merged", "merged", "merged", "failed", "cancelled", "needs_human", "coding"] as const);
    const ended = state === "coding" ? null : created + Math.floor((0.2 + random() * 40) * HOUR);
    const prAt = state === "coding" && random() < 0.5 ? null : created + Math.floor((0.1 + random() * 3) * HOUR);
    const attempts = 1 + Math.floor(random() * 3);
    const tests = ["cart > adds an item", "cart > removes an item", "checkout > applies a discount", "api > 404s"];
    const validations = Array.from({ length: attempts }, (_, i) => {
      const passed = i === attempts - 1 ? state === "merged" || random() < 0.3 : false;
      const start = created + (i + 1) * HOUR + Math.floor(random() * HOUR);
      return {
        attempt: i + 1,
        passed,
        start,
        end: start + Math.floor(20_000 + random() * 600_000),
        failing: passed ? [] : tests.filter(() => random() < 0.4),
      };
    });
    specs.push({
      project: pick(["a", "a", "b", "other"] as const),
      created,
      ended,
      state,
      merge: state === "merged" ? pick(["auto", "person", "github"] as const) : undefined,
      cost: Math.round(random() * 300) / 100,
      input: Math.floor(random() * 50_000),
      output: Math.floor(random() * 10_000),
      prAt,
      retry: random() < 0.25 ? pick(["fresh-context", "bigger-model", null] as const) : undefined,
      validations,
    });
  }
  return specs;
}

/** Postgres's percentile_cont: linear interpolation between the closest ranks. */
function percentileCont(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = p * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

const inPeriod = (at: number | null, from: string, to: string) => at !== null && dayOf(at) >= from && dayOf(at) <= to;

/** The figures of the API, computed from the seed's description alone. */
function expected(specs: Spec[], projects: Spec["project"][], from: string, to: string) {
  const mine = specs.filter((spec) => projects.includes(spec.project));
  const endedIn = mine.filter((spec) => spec.state !== "coding" && inPeriod(spec.ended, from, to));
  const count = (state: Spec["state"]) => endedIn.filter((spec) => spec.state === state).length;
  const merged = count("merged");
  const decided = merged + count("failed") + count("needs_human");
  const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
  const validationsIn = mine.flatMap((spec) => spec.validations).filter((v) => inPeriod(v.end, from, to));
  const first = validationsIn.filter((v) => v.attempt === 1);
  const fixes = validationsIn.filter((v) => v.attempt > 1);
  const seconds = (values: number[]) => ({
    p50: percentileCont(values, 0.5),
    p90: percentileCont(values, 0.9),
    count: values.length,
  });
  const retries = new Map<string, { ended: number; merged: number }>();
  for (const spec of endedIn.filter((spec) => spec.retry !== undefined)) {
    const key = spec.retry ?? "default";
    const entry = retries.get(key) ?? { ended: 0, merged: 0 };
    if (spec.state !== "cancelled") entry.ended++;
    if (spec.state === "merged") entry.merged++;
    retries.set(key, entry);
  }
  const failures = new Map<string, number>();
  for (const v of validationsIn.filter((v) => !v.passed))
    for (const name of v.failing) failures.set(name, (failures.get(name) ?? 0) + 1);
  const cost = endedIn.reduce((sum, spec) => sum + spec.cost, 0);
  const tokens = endedIn.reduce((sum, spec) => sum + spec.input + spec.output, 0);
  const autoMerged = endedIn.filter((spec) => spec.state === "merged" && spec.merge === "auto").length;
  const retried = [...retries.values()].reduce(
    (sum, r) => ({ ended: sum.ended + r.ended, merged: sum.merged + r.merged }),
    {
      ended: 0,
      merged: 0,
    },
  );
  return {
    totals: {
      runsStarted: mine.filter((spec) => inPeriod(spec.created, from, to)).length,
      runsEnded: endedIn.length,
      merged,
      failed: count("failed"),
      cancelled: count("cancelled"),
      needsHuman: count("needs_human"),
      autoMerged,
      successRate: ratio(merged, decided),
      errorRate: ratio(count("failed"), decided),
      needsHumanRate: ratio(count("needs_human"), decided),
      autoMergeRate: ratio(autoMerged, merged),
      firstAttempts: first.length,
      firstAttemptPassRate: ratio(first.filter((v) => v.passed).length, first.length),
      fixAttempts: fixes.length,
      fixAttemptPassRate: ratio(fixes.filter((v) => v.passed).length, fixes.length),
      retrySuccessRate: ratio(retried.merged, retried.ended),
      retries: Object.fromEntries(retries),
      timeToPrSeconds: seconds(
        mine.filter((spec) => inPeriod(spec.prAt, from, to)).map((spec) => (spec.prAt! - spec.created) / 1000),
      ),
      timeToMergeSeconds: seconds(
        endedIn.filter((spec) => spec.state === "merged").map((spec) => (spec.ended! - spec.created) / 1000),
      ),
      validationSeconds: seconds(validationsIn.map((v) => (v.end - v.start) / 1000)),
      costUsd: cost,
      tokens,
      costPerMergedRunUsd: ratio(cost, merged),
      tokensPerMergedRun: ratio(tokens, merged),
      failures,
    },
    mergedByDay: (day: string) =>
      endedIn.filter((spec) => spec.state === "merged" && dayOf(spec.ended!) === day).length,
    mergeP50ByDay: (day: string) =>
      percentileCont(
        endedIn
          .filter((spec) => spec.state === "merged" && dayOf(spec.ended!) === day)
          .map((spec) => (spec.ended! - spec.created) / 1000),
        0.5,
      ),
  };
}

let handle: DatabaseHandle;
let token: string;
let otherToken: string;
const ids: Record<Spec["project"], string> = { a: "", b: "", other: "" };
let teamId: string;
const specs = seedSpecs();

beforeAll(async () => {
  const { setDatabaseHandle } = await import("@/db");
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
  const db = handle.db;
  const team = await createTeam({ db, name: "Insightful", slug: "insightful" });
  const other = await createTeam({ db, name: "Elsewhere", slug: "elsewhere" });
  teamId = team.id;
  const project = async (owner: string, name: string) =>
    (
      await createProject({
        db,
        values: {
          teamId: owner,
          provider: "local",
          repository: `/repos/${name}`,
          name,
          settings: defaultProjectSettings(),
        },
      })
    ).id;
  ids.a = await project(team.id, "a");
  ids.b = await project(team.id, "b");
  ids.other = await project(other.id, "other");
  token = (await createApiKey({ db, teamId: team.id, name: "read", scopes: ["read"], createdBy: null })).secret;
  otherToken = (await createApiKey({ db, teamId: other.id, name: "read", scopes: ["read"], createdBy: null })).secret;

  const at = (offset: number) => new Date(START + offset);
  const rows = {
    runs: [] as (typeof runs.$inferInsert)[],
    events: [] as (typeof runEvents.$inferInsert)[],
    pullRequests: [] as (typeof pullRequests.$inferInsert)[],
    validations: [] as (typeof validations.$inferInsert)[],
  };
  for (const [index, spec] of specs.entries()) {
    const runId = randomUUID();
    rows.runs.push({
      id: runId,
      projectId: ids[spec.project],
      source: "api",
      goal: `Run ${index}`,
      baseBranch: "main",
      budget: { maxAttempts: 3, maxDollars: 5, maxMinutes: 60 },
      state: spec.state,
      costUsd: String(spec.cost),
      inputTokens: spec.input,
      outputTokens: spec.output,
      attempt: spec.validations.length,
      createdAt: at(spec.created),
      finishedAt: spec.ended === null ? null : at(spec.ended),
    });
    let seq = 0;
    const event = (values: Omit<typeof runEvents.$inferInsert, "runId" | "seq">) =>
      rows.events.push({ runId, seq: ++seq, ...values });
    if (spec.retry !== undefined)
      event({ type: "run.retry_of", data: spec.retry ? { runId, strategy: spec.retry } : { runId } });
    if (spec.merge === "person") event({ type: "merge.requested", data: { userId: null } });
    if (spec.merge) {
      const from = spec.merge === "github" ? "ready" : "merging";
      event({ type: "state.changed", fromState: from, toState: "merged", data: {} });
    }
    if (spec.prAt !== null) {
      rows.pullRequests.push({
        projectId: ids[spec.project],
        runId,
        number: index + 1,
        title: `PR ${index}`,
        headBranch: `mergeline/run-${index}`,
        baseBranch: "main",
        createdAt: at(spec.prAt),
      });
    }
    for (const v of spec.validations) {
      const tests: CommandResult[] = [
        {
          command: "npm test",
          exitCode: v.passed ? 0 : 1,
          durationMs: v.end - v.start,
          output: "",
          evidence: {
            format: "tap",
            // The same name twice in one output counts once for the validation.
            failing: [...v.failing, ...v.failing.slice(0, 1)].map((name) => ({ name })),
            passing: [],
            problems: [],
            annotations: [],
          },
        },
      ];
      rows.validations.push({
        runId,
        projectId: ids[spec.project],
        attempt: v.attempt,
        status: v.passed ? "passed" : "failed",
        tests,
        startedAt: at(v.start),
        finishedAt: at(v.end),
      });
    }
  }
  await db.insert(runs).values(rows.runs);
  await db.insert(runEvents).values(rows.events);
  await db.insert(pullRequests).values(rows.pullRequests);
  await db.insert(validations).values(rows.validations);
});
afterAll(() => handle?.close());

type Report = {
  totals: Record<string, unknown> & {
    retries: { strategy: string; ended: number; merged: number }[];
    failingTests: { name: string; failures: number }[];
  };
  daily: { date: string; merged: number; timeToMergeSeconds: { p50: number | null } }[];
  scope: { teamId: string; projectId: string | null };
  rolledUpAt: string | null;
};

function expectReport(report: Report, want: ReturnType<typeof expected>, from: string, to: string) {
  const { failures, retries, timeToPrSeconds, timeToMergeSeconds, validationSeconds, ...plain } = want.totals;
  for (const [key, value] of Object.entries(plain)) {
    if (typeof value === "number") expect(report.totals[key], key).toBeCloseTo(value, 6);
    else expect(report.totals[key], key).toBe(value);
  }
  for (const [key, value] of Object.entries({ timeToPrSeconds, timeToMergeSeconds, validationSeconds })) {
    const got = report.totals[key] as { p50: number | null; p90: number | null; count: number };
    expect(got.count, key).toBe(value.count);
    if (value.p50 === null) expect(got.p50).toBeNull();
    else {
      expect(got.p50, `${key} p50`).toBeCloseTo(value.p50, 3);
      expect(got.p90, `${key} p90`).toBeCloseTo(value.p90!, 3);
    }
  }
  expect(
    Object.fromEntries(report.totals.retries.map(({ strategy, ended, merged }) => [strategy, { ended, merged }])),
  ).toEqual(retries);
  const top = [...failures].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 10);
  expect(report.totals.failingTests).toEqual(top.map(([name, count]) => ({ name, failures: count })));
  const days = Math.round((Date.parse(to) - Date.parse(from)) / DAY) + 1;
  expect(report.daily).toHaveLength(days);
  for (const day of report.daily) {
    expect(day.merged, day.date).toBe(want.mergedByDay(day.date));
    const p50 = want.mergeP50ByDay(day.date);
    if (p50 === null) expect(day.timeToMergeSeconds.p50).toBeNull();
    else expect(day.timeToMergeSeconds.p50, day.date).toBeCloseTo(p50, 3);
  }
}

describe("insights", () => {
  it("plans a backfill of all history in chunks, then only the days not yet final", async () => {
    const now = new Date("2026-11-09T10:00:00Z");
    const plan = await planInsightRollups({ db: handle.db, now });
    expect(plan.chunks).toEqual([{ from: "2026-11-01", to: "2026-11-09" }]);
    expect(plan.completeThrough).toBe("2026-11-07");
    for (const chunk of plan.chunks) await recomputeInsightRollups({ db: handle.db, ...chunk });
    await setRollupCompleteThrough({ db: handle.db, day: plan.completeThrough });
    expect((await planInsightRollups({ db: handle.db, now })).chunks).toEqual([
      { from: "2026-11-08", to: "2026-11-09" },
    ]);
    // Recomputing is idempotent: the same rows again.
    const before = await handle.db.select().from(insightDailyRollups);
    await recomputeInsightRollups({ db: handle.db, from: "2026-11-01", to: "2026-11-09" });
    const after = await handle.db.select().from(insightDailyRollups);
    const strip = (rows: typeof before) => rows.map(({ rolledUpAt: _at, ...row }) => JSON.stringify(row)).sort();
    expect(strip(after)).toEqual(strip(before));
    // One project redone (what a run's change does), its team's rows from its projects' rows:
    // the same rows as the whole recompute, the team's sums, samples and percentiles included.
    for (const projectId of [ids.a, ids.b])
      await recomputeInsightRollups({ db: handle.db, from: "2026-11-01", to: "2026-11-09", teamId, projectId });
    const scoped = await handle.db.select().from(insightDailyRollups);
    expect(scoped.filter((row) => row.projectId === null).length).toBeGreaterThan(5);
    expect(strip(scoped)).toEqual(strip(before));
  });

  it("gives a team's figures over a period, equal to those computed from the seed", async () => {
    const from = "2026-11-01";
    const to = "2026-11-09";
    const { status, json } = await callJson<Report>("GET", `/insights?from=${from}&to=${to}`, { token });
    expect(status).toBe(200);
    expect(json.scope).toEqual({ teamId, projectId: null });
    expect(json.rolledUpAt).not.toBeNull();
    const want = expected(specs, ["a", "b"], from, to);
    // The seed exercises every figure: none of them is trivially empty.
    expect(want.totals.merged).toBeGreaterThan(40);
    expect(want.totals.autoMerged).toBeGreaterThan(5);
    expect(want.totals.autoMerged).toBeLessThan(want.totals.merged);
    expect(Object.keys(want.totals.retries).sort()).toEqual(["bigger-model", "default", "fresh-context"]);
    expect(want.totals.failures.size).toBe(4);
    expect(want.totals.timeToPrSeconds.count).toBeGreaterThan(100);
    expect(want.totals.fixAttempts).toBeGreaterThan(50);
    expectReport(json, want, from, to);
  });

  it("gives a project's figures over a shorter period", async () => {
    const from = "2026-11-02";
    const to = "2026-11-04";
    const { status, json } = await callJson<Report>("GET", `/insights?projectId=${ids.a}&from=${from}&to=${to}`, {
      token,
    });
    expect(status).toBe(200);
    expect(json.scope).toEqual({ teamId, projectId: ids.a });
    expectReport(json, expected(specs, ["a"], from, to), from, to);
  });

  it("sums projects' own rollups to the team's figures (someone who may see only some projects)", async () => {
    const { getInsights } = await import("./get-insights");
    const period = { from: "2026-11-01", to: "2026-11-09" };
    const team = await getInsights({ db: handle.db, teamId, projectIds: null, ...period });
    const both = await getInsights({ db: handle.db, teamId, projectIds: [ids.a, ids.b], ...period });
    const strip = (report: typeof team) => ({ ...report, rolledUpAt: null });
    expect(JSON.parse(JSON.stringify(strip(both)))).toEqual(JSON.parse(JSON.stringify(strip(team))));
    const onlyA = await getInsights({ db: handle.db, teamId, projectIds: [ids.a], ...period });
    expectReport(onlyA as unknown as Report, expected(specs, ["a"], period.from, period.to), period.from, period.to);
  });

  it("keeps teams apart and refuses bad periods with a 400 naming the field", async () => {
    expect((await callJson("GET", `/insights?projectId=${ids.a}`, { token: otherToken })).status).toBe(404);
    const theirs = await callJson<Report>("GET", "/insights?from=2026-11-01&to=2026-11-09", { token: otherToken });
    expectReport(theirs.json, expected(specs, ["other"], "2026-11-01", "2026-11-09"), "2026-11-01", "2026-11-09");
    for (const [query, code] of [
      ["from=2026-11-09&to=2026-11-01", "bad_request:from"],
      ["from=2020-01-01&to=2026-11-01", "bad_request:from"],
      ["from=2026-13-01", "bad_request:from"],
      ["to=yesterday", "bad_request:to"],
      ["projectId=nope", "bad_request:projectId"],
    ] as const) {
      const answer = await callJson<{ error: { code: string } }>("GET", `/insights?${query}`, { token });
      expect({ query, status: answer.status, code: answer.json.error.code }).toEqual({ query, status: 400, code });
    }
  });
});
