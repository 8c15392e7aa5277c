import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeAgentProvider } from "@/testing/ai/fake-agent-provider";
import { largeItemCount, smallItemCount, startAgentPipeline } from "@/testing/pipeline/agent-pipeline";
import { brokenCart } from "@/testing/pipeline/fixture-scripts";
import type { PipelineHarness } from "@/testing/pipeline/pipeline-harness";

// Best-of-N through the embedded engine with CLI agents (the stand-in answers by model:
// "breaks", "large", "small"), a person picking another candidate, and run settings from the
// repository's .mergeline.yml.

let harness: PipelineHarness;
let provider: FakeAgentProvider;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ harness, provider, close } = await startAgentPipeline(["codex", "claude-code", "gemini-cli", "qwen-code"]));
}, 300_000);
afterAll(() => close?.());

describe("best-of-N and repository settings", () => {
  it("best of 3 with different agents: the small passing candidate is the PR, the other two are listed", async () => {
    const { createRun } = await import("@/lib/runs/create-run");
    const { runGit } = await import("@/lib/workspaces/run-git");
    const { getRunDetails } = await import("@/lib/runs/get-run-details");
    const project = await harness.createProject({ autoMerge: "auto-when-green" });
    const run = await createRun({
      db: harness.db,
      input: {
        project,
        goal: "Add itemCount",
        source: "api",
        autoConfirm: true,
        agents: [
          { backend: "claude-code", model: "breaks", baseUrl: provider.origin },
          { backend: "qwen-code", model: "large", baseUrl: `${provider.origin}/v1` },
          { backend: "gemini-cli", model: "small", baseUrl: provider.origin },
        ],
      },
    });
    const finished = await harness.waitForState(run.id, ["merged", "failed", "needs_human", "cancelled"], 240_000);
    expect(finished.stateReason).toBeNull();
    expect(finished.state).toBe("merged");
    expect(finished.attempt).toBe(1);
    expect(await runGit(project.repository, ["show", "main:src/item-count.js"])).toBe(smallItemCount.trimEnd());
    // The breaking candidate's change did not reach main.
    expect(await runGit(project.repository, ["show", "main:src/cart.js"])).not.toBe(brokenCart.trimEnd());

    const details = await getRunDetails({ db: harness.db, runId: run.id });
    const candidates = details.candidates.map((c) => ({ index: c.index, status: c.status, chosen: c.chosen }));
    expect(candidates).toEqual([
      { index: 1, status: "failed", chosen: false },
      { index: 2, status: "passed", chosen: false },
      { index: 3, status: "passed", chosen: true },
    ]);
    expect(details.candidates[1]!.diffLines!).toBeGreaterThan(details.candidates[2]!.diffLines!);
    // Ranked beyond the tests too: the plan's check naming `npm test`, and the static review of each diff.
    expect(details.candidates[0]!.summary).toMatch(/acceptance checks failed: The cart tests still pass/);
    expect(details.candidates[2]!.summary).toMatch(
      /acceptance checks with a test passed \(1\)\. static review: nothing blocks/,
    );
    // Each candidate's branch holds its own work.
    expect(await runGit(project.repository, ["show", `${details.candidates[1]!.branch}:src/item-count.js`])).toBe(
      largeItemCount.trimEnd(),
    );
    // Each candidate's transcript is recorded under its own attempt (101, 102, 103).
    const attempts = new Set(details.transcript.filter((m) => m.purpose === "code").map((m) => m.attempt));
    expect([...attempts].sort()).toEqual([101, 102, 103]);
  }, 300_000);

  it("takes commands and budget from .mergeline.yml where the project allows it; a malformed file fails the run saying where", async () => {
    const { createRun } = await import("@/lib/runs/create-run");
    const { getRunDetails } = await import("@/lib/runs/get-run-details");
    const commit = (repository: string, file: string, content: string) => {
      writeFileSync(`${repository}/${file}`, content);
      execFileSync("git", ["-C", repository, "add", file]);
      execFileSync("git", ["-C", repository, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", file]);
    };
    const agent = { backend: "codex" as const, model: "small", baseUrl: `${provider.origin}/v1` };
    const project = await harness.createProject({ autoMerge: "auto-when-green", useRepositoryConfig: true, agent });
    commit(
      project.repository,
      ".mergeline.yml",
      "test:\n  - npm test\n  - test -f src/item-count.js\nbudget:\n  attempts: 1\n",
    );
    const run = await createRun({
      db: harness.db,
      input: { project, goal: "Add itemCount", source: "api", autoConfirm: true },
    });
    const finished = await harness.waitForState(run.id, ["merged", "failed", "needs_human", "cancelled"], 180_000);
    expect(finished.state).toBe("merged");
    expect(finished.budget.maxAttempts).toBe(1);
    const details = await getRunDetails({ db: harness.db, runId: run.id });
    expect(details.validations[0]!.tests.map((test) => test.command)).toEqual([
      "npm test",
      "test -f src/item-count.js",
    ]);

    const broken = await harness.createProject({ useRepositoryConfig: true, agent });
    commit(broken.repository, ".mergeline.yml", "test:\n  - npm test\npages:\n  - cart\n");
    const failing = await createRun({
      db: harness.db,
      input: { project: broken, goal: "Add itemCount", source: "api", autoConfirm: true },
    });
    const failed = await harness.waitForState(failing.id, ["merged", "failed", "needs_human", "cancelled"], 120_000);
    expect(failed.state).toBe("failed");
    expect(failed.stateReason).toBe(".mergeline.yml line 4: pages.0: a page is a path starting with /");
  }, 300_000);

  it("a person picks another candidate of a ready run: its work becomes the PR, validated again", async () => {
    const { createRun } = await import("@/lib/runs/create-run");
    const { runGit } = await import("@/lib/workspaces/run-git");
    const { getRunDetails } = await import("@/lib/runs/get-run-details");
    const { requestCandidatePick } = await import("@/lib/runs/request-candidate-pick");
    const project = await harness.createProject({ autoMerge: "manual" });
    const codex = (model: string) => ({ backend: "codex" as const, model, baseUrl: `${provider.origin}/v1` });
    const run = await createRun({
      db: harness.db,
      input: {
        project,
        goal: "Add itemCount",
        source: "api",
        autoConfirm: true,
        agents: [codex("large"), codex("small")],
      },
    });
    await harness.waitForState(run.id, ["ready"], 180_000);
    const actor = { kind: "system" as const };
    await expect(requestCandidatePick({ db: harness.db, runId: run.id, index: 2, actor, ip: null })).rejects.toThrow(
      /already the run's/,
    );
    await requestCandidatePick({ db: harness.db, runId: run.id, index: 1, actor, ip: null });
    await harness.waitForState(run.id, ["fixing", "validating"], 60_000);
    const ready = await harness.waitForState(run.id, ["ready", "failed", "needs_human"], 120_000);
    expect(ready.state).toBe("ready");
    expect(ready.attempt).toBe(2);
    const details = await getRunDetails({ db: harness.db, runId: run.id });
    expect(details.candidates.map((candidate) => candidate.chosen)).toEqual([true, false]);
    expect(await runGit(project.repository, ["show", `${ready.branch}:src/item-count.js`])).toBe(
      largeItemCount.trimEnd(),
    );
  }, 300_000);
});
