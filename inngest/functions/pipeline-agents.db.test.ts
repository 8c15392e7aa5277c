import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAgentMessagesByRunId } from "@/db/queries/transcripts";
import { cliAgentSpecs } from "@/lib/agents/backends/cli-agent-specs";
import { testAgentToolsDir } from "@/testing/ai/agent-tools-cache";
import { type FakeAgentProvider, startFakeAgentProvider } from "@/testing/ai/fake-agent-provider";
import { fileEditScript } from "@/testing/ai/file-edit-script";
import { brokenCart } from "@/testing/pipeline/fixture-scripts";
import { type PipelineHarness, startPipelineHarness } from "@/testing/pipeline/pipeline-harness";

// Whole runs through the embedded engine with CLI agents coding in the sandbox against a
// stand-in of their providers' APIs; the scripted model plans.

const plan = {
  object: {
    summary: "Add itemCount(cart) in its own module.",
    steps: [{ title: "Add src/item-count.js" }],
    files: ["src/item-count.js"],
    acceptanceChecks: [{ description: "The cart tests still pass", test: "npm test" }],
  },
};
const small = "export const itemCount = (cart) => cart.reduce((sum, line) => sum + line.quantity, 0);\n";
const large = `${Array.from({ length: 40 }, (_, i) => `// note ${i}`).join("\n")}\n${small}`;

// By the model each candidate asked for: one breaks the tests, one passes with a large diff,
// one passes with a small one.
const scripts = {
  breaks: fileEditScript({ file: "src/cart.js", content: brokenCart, via: "shell", command: "npm test" }),
  large: fileEditScript({ file: "src/item-count.js", content: large }),
  small: fileEditScript({ file: "src/item-count.js", content: small }),
};

let harness: PipelineHarness;
let provider: FakeAgentProvider;
beforeAll(async () => {
  process.env.MERGELINE_AGENT_TOOLS_DIR = testAgentToolsDir;
  harness = await startPipelineHarness({ script: { name: "agents", plan: [plan], code: [[{ text: "unused" }]] } });
  // Modules that read the environment load after the harness has set it.
  const { ensureCliAgent } = await import("@/lib/agents/backends/install-cli-agent");
  await Promise.all(
    (["codex", "claude-code", "gemini-cli", "qwen-code"] as const).map((id) =>
      ensureCliAgent(cliAgentSpecs[id], testAgentToolsDir),
    ),
  );
  provider = await startFakeAgentProvider((request) =>
    (scripts[request.model as keyof typeof scripts] ?? scripts.small)(request),
  );
}, 300_000);
afterAll(async () => {
  await harness?.close();
  await provider?.close();
});

describe("runs coded by CLI agents", () => {
  it("Codex CLI codes the run: it merges, the transcript shows its steps, the repository's AGENTS.md reached the model", async () => {
    const { createRun } = await import("@/lib/runs/create-run");
    const { runGit } = await import("@/lib/workspaces/run-git");
    const { modelCalls, runEvents } = await import("@/db/schema");
    const project = await harness.createProject({
      autoMerge: "auto-when-green",
      agent: { backend: "codex", model: "small", baseUrl: `${provider.origin}/v1` },
    });
    writeFileSync(`${project.repository}/AGENTS.md`, "Keep modules tiny. MARKER-AGENTS-MD\n");
    execFileSync("git", ["-C", project.repository, "add", "AGENTS.md"]);
    execFileSync("git", [
      "-C",
      project.repository,
      "-c",
      "user.name=t",
      "-c",
      "user.email=t@t",
      "commit",
      "-qm",
      "agents",
    ]);
    const before = provider.requests.length;

    const run = await createRun({
      db: harness.db,
      input: { project, goal: "Add itemCount", source: "api", autoConfirm: true },
    });
    const finished = await harness.waitForState(run.id, ["merged", "failed", "needs_human", "cancelled"], 180_000);
    expect(finished.stateReason).toBeNull();
    expect(finished.state).toBe("merged");
    expect(await runGit(project.repository, ["show", "main:src/item-count.js"])).toBe(small.trimEnd());

    const calls = provider.requests.slice(before).filter((request) => request.tools.length > 0);
    expect(calls[0]!.api).toBe("responses");
    expect(calls[0]!.text).toContain("MARKER-AGENTS-MD");

    const transcript = (await getAgentMessagesByRunId({ db: harness.db, runId: run.id })).filter(
      (message) => message.purpose === "code" && message.attempt === 1,
    );
    const edit = transcript.find((message) => message.toolName === "file_change");
    expect(JSON.stringify(edit?.toolInput)).toContain("+export const itemCount");
    const command = transcript.find((message) => message.toolName === "run_command");
    expect(command?.toolOutput).toContain("itemCount");
    expect(transcript.some((message) => message.role === "assistant" && message.content.includes("Wrote"))).toBe(true);

    const recorded = await harness.db.select().from(modelCalls).where(eq(modelCalls.runId, run.id));
    expect(recorded.some((call) => call.model === "codex:small" && call.inputTokens > 0)).toBe(true);
    const events = await harness.db.select().from(runEvents).where(eq(runEvents.runId, run.id));
    const attempt = events.find((event) => event.type === "agent.attempt");
    expect(attempt?.data.instructions).toEqual(["AGENTS.md"]);
  }, 240_000);

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
    expect(await runGit(project.repository, ["show", "main:src/item-count.js"])).toBe(small.trimEnd());
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
    // Each candidate's branch holds its own work.
    expect(await runGit(project.repository, ["show", `${details.candidates[1]!.branch}:src/item-count.js`])).toBe(
      large.trimEnd(),
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
    expect(await runGit(project.repository, ["show", `${ready.branch}:src/item-count.js`])).toBe(large.trimEnd());
  }, 300_000);
});
