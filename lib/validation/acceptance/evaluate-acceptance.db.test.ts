import fs from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { BrowserCheck, CommandResult, Project, Run } from "@/db/schema";

// Acceptance checks decided by test, page and the (scripted) judge model, whose usage is
// recorded on the run. The script file is rewritten between cases: it is read per model.
const files = vi.hoisted(() => {
  const dir = require("node:fs").mkdtempSync(
    require("node:path").join(require("node:os").tmpdir(), "mergeline-judge-"),
  );
  const script = require("node:path").join(dir, "script.json");
  process.env.MERGELINE_SCRIPTED_MODEL = script;
  process.env.MERGELINE_MODEL = "scripted";
  return { dir: dir as string, script: script as string };
});

let handle: DatabaseHandle;
let project: Project;
let run: Run;
const tests: CommandResult[] = [
  {
    command: "npm test",
    exitCode: 1,
    durationMs: 800,
    output: "ok 1 - greets by name\nnot ok 2 - greets without a name\n",
  },
];
const browserChecks: BrowserCheck[] = [
  { page: "/", status: 200, consoleErrors: [], pageErrors: [], failedRequests: [] },
  { page: "/admin", status: 200, consoleErrors: [], pageErrors: ["TypeError: x is undefined"], failedRequests: [] },
];
const checks = [
  { description: "Greets by name", test: "greets by name" },
  { description: "Greets without a name", test: "greets without a name" },
  { description: "Home loads", page: "/" },
  { description: "Admin loads", page: "/admin" },
  { description: "Settings load", page: "/settings" },
  { description: "The wording is friendly" },
];

beforeAll(async () => {
  const { createTestDatabase } = await import("@/testing/database");
  handle = await createTestDatabase();
  const { createTeam } = await import("@/db/queries/teams");
  const { createProject } = await import("@/db/queries/projects");
  const { insertRun } = await import("@/db/queries/runs");
  const { defaultProjectSettings } = await import("@/lib/projects/settings");
  const team = await createTeam({ db: handle.db, name: "Judge", slug: `judge-${Date.now()}` });
  project = await createProject({
    db: handle.db,
    values: {
      teamId: team.id,
      provider: "local",
      repository: "/nowhere",
      name: "p",
      settings: defaultProjectSettings({ model: "scripted" }),
    },
  });
  run = await insertRun({
    db: handle.db,
    values: {
      projectId: project.id,
      source: "api",
      goal: "g",
      baseBranch: "main",
      budget: { maxAttempts: 3, maxDollars: 5, maxMinutes: 60 },
      state: "validating",
    },
  });
});
afterAll(async () => {
  await handle?.close();
  fs.rmSync(files.dir, { recursive: true, force: true });
});

async function evaluate() {
  const { evaluateAcceptance } = await import("./evaluate-acceptance");
  return evaluateAcceptance({
    db: handle.db,
    runId: run.id,
    attempt: 1,
    project,
    checks,
    tests,
    browserChecks,
    evidence: "npm test exited with code 1",
  });
}

describe("evaluateAcceptance", () => {
  it("decides each check by its test, its page, or the judge's verdict, and records the judge's usage", async () => {
    fs.writeFileSync(
      files.script,
      JSON.stringify({
        name: "strict judge",
        judge: [
          {
            object: { passed: false, reason: "The evidence does not show the wording." },
            usage: { inputTokens: 500, outputTokens: 20 },
          },
        ],
      }),
    );
    const results = await evaluate();
    expect(results.map((result) => [result.description, result.passed, result.method])).toEqual([
      ["Greets by name", true, "test"],
      ["Greets without a name", false, "test"],
      ["Home loads", true, "page"],
      ["Admin loads", false, "page"],
      ["Settings load", false, "page"],
      ["The wording is friendly", false, "judge"],
    ]);
    expect(results[3]!.evidence).toContain("uncaught error: TypeError: x is undefined");
    expect(results[4]!.evidence).toContain("was not checked");
    expect(results[5]!.evidence).toBe("Scripted model (strict judge): The evidence does not show the wording.");
    const { modelCalls } = await import("@/db/schema");
    const calls = await handle.db.select().from(modelCalls).where(eq(modelCalls.runId, run.id));
    expect(calls.map((call) => [call.purpose, call.inputTokens, call.outputTokens])).toEqual([["judge", 500, 20]]);
  });

  it("fails a check the judge cannot decide, saying why", async () => {
    fs.writeFileSync(files.script, JSON.stringify({ name: "no judge", plan: [{ text: "x" }] }));
    const results = await evaluate();
    expect(results.at(-1)).toMatchObject({
      passed: false,
      method: "judge",
      evidence: expect.stringContaining(
        'No verdict: the judge model failed (The script "no judge" has no "judge" turns)',
      ),
    });
  });
});
