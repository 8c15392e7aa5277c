import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createProject } from "@/db/queries/projects";
import { createTeam } from "@/db/queries/teams";
import { modelCalls, type Run, runs } from "@/db/schema";
import { createTestDatabase } from "@/testing/database";
import { defaultProjectSettings } from "@/lib/projects/settings";
import { getRunUsage, recordModelCall } from "./model-calls";

let handle: DatabaseHandle;
let run: Run;

beforeAll(async () => {
  handle = await createTestDatabase();
  const team = await createTeam({ db: handle.db, name: "Team", slug: "team" });
  const project = await createProject({
    db: handle.db,
    values: {
      teamId: team.id,
      provider: "local",
      repository: "/tmp/repo",
      name: "repo",
      settings: defaultProjectSettings(),
    },
  });
  [run] = await handle.db
    .insert(runs)
    .values({
      projectId: project.id,
      source: "dashboard",
      goal: "Add removeItem",
      baseBranch: "main",
      budget: { maxAttempts: 3, maxDollars: 5, maxMinutes: 60 },
    })
    .returning();
});
afterAll(async () => handle.close());

describe("recordModelCall", () => {
  it("records each call and sums tokens and cost on the run", async () => {
    const plan = await recordModelCall({
      db: handle.db,
      runId: run.id,
      purpose: "plan",
      model: "openai:gpt-4o",
      usage: { inputTokens: 1_000_000, outputTokens: 100_000 },
      costUsd: 3.5,
      durationMs: 1234.6,
    });
    expect(plan).toMatchObject({
      purpose: "plan",
      model: "openai:gpt-4o",
      attempt: 0,
      inputTokens: 1_000_000,
      outputTokens: 100_000,
      durationMs: 1235,
    });
    expect(Number(plan.costUsd)).toBe(3.5);

    await recordModelCall({
      db: handle.db,
      runId: run.id,
      purpose: "code",
      model: "openai:gpt-4o-mini",
      attempt: 1,
      usage: { inputTokens: 10, outputTokens: 5 },
      costUsd: 0.0000045,
      durationMs: 10,
    });
    await recordModelCall({
      db: handle.db,
      runId: run.id,
      purpose: "code",
      model: "scripted",
      attempt: 2,
      usage: { inputTokens: 500, outputTokens: 50 },
      costUsd: 0,
      durationMs: 3,
    });

    const [updated] = await handle.db.select().from(runs).where(eq(runs.id, run.id));
    expect(updated).toMatchObject({ inputTokens: 1_000_510, outputTokens: 100_055 });
    // 3.5 + (10 * 0.15 + 5 * 0.6) / 1e6 = 3.5000045, kept to six decimals
    expect(Number(updated!.costUsd)).toBeCloseTo(3.500005, 6);

    expect(await getRunUsage({ db: handle.db, runId: run.id })).toEqual({
      calls: 3,
      inputTokens: 1_000_510,
      outputTokens: 100_055,
      costUsd: Number(updated!.costUsd),
      byPurpose: {
        plan: { calls: 1, inputTokens: 1_000_000, outputTokens: 100_000, costUsd: 3.5 },
        code: { calls: 2, inputTokens: 510, outputTokens: 55, costUsd: 0.000005 },
      },
    });
  });

  it("records calls outside a run without touching any run", async () => {
    const call = await recordModelCall({
      db: handle.db,
      runId: null,
      purpose: "judge",
      model: "scripted",
      usage: { inputTokens: 1, outputTokens: 1 },
      costUsd: 0,
      durationMs: 1,
    });
    expect(call.runId).toBeNull();
    expect(await handle.db.select().from(modelCalls).where(eq(modelCalls.purpose, "judge"))).toHaveLength(1);
  });

  it("returns undefined for an unknown run", async () => {
    expect(await getRunUsage({ db: handle.db, runId: "00000000-0000-4000-8000-000000000000" })).toBeUndefined();
  });
});
