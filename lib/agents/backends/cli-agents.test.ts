import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliAgentId, cliAgentSpecs } from "@/lib/agents/backends/cli-agent-specs";
import { ensureCliAgent } from "@/lib/agents/backends/install-cli-agent";
import { runCliAgent } from "@/lib/agents/backends/run-cli-agent";
import { buildCoderPrompt } from "@/lib/agents/prompts";
import { readRepositoryInstructions } from "@/lib/agents/repository-instructions";
import { getSandbox } from "@/lib/sandbox";
import { testAgentToolsDir } from "@/testing/ai/agent-tools-cache";
import { type FakeAgentProvider, startFakeAgentProvider } from "@/testing/ai/fake-agent-provider";
import { fileEditScript } from "@/testing/ai/file-edit-script";
import { makeWorkspace, processesWith } from "@/testing/sandbox-test-kit";

// Each CLI agent, installed from the npm registry at its pinned version, run in the real
// sandbox against a stand-in of its provider's API (in that API's wire format, streaming):
// it edits a file, runs a command, and its events become the transcript.

const agents: { id: CliAgentId; api: string; baseUrl: (provider: FakeAgentProvider) => string }[] = [
  { id: "codex", api: "responses", baseUrl: (p) => `${p.origin}/v1` },
  { id: "claude-code", api: "anthropic", baseUrl: (p) => p.origin },
  { id: "gemini-cli", api: "gemini", baseUrl: (p) => p.origin },
  { id: "qwen-code", api: "chat", baseUrl: (p) => `${p.origin}/v1` },
  { id: "copilot-cli", api: "responses", baseUrl: (p) => `${p.origin}/v1` },
];

function gitWorkspace() {
  const workspace = makeWorkspace();
  const git = (...args: string[]) => execFileSync("git", args, { cwd: workspace.dir, stdio: "pipe" });
  git("init", "-q", "-b", "main");
  writeFileSync(`${workspace.dir}/README.md`, "# demo\n");
  writeFileSync(`${workspace.dir}/AGENTS.md`, "Always write tests first. MARKER-ROOT-AGENTS\n");
  mkdirSync(`${workspace.dir}/src`);
  writeFileSync(`${workspace.dir}/src/AGENTS.md`, "In src, use tabs. MARKER-SRC-AGENTS\n");
  writeFileSync(`${workspace.dir}/CLAUDE.md`, "MARKER-CLAUDE\n");
  git("add", ".");
  git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "init");
  return workspace;
}

const plan = {
  summary: "Add hello",
  steps: [{ title: "Write hello" }],
  files: ["src/hello.txt"],
  acceptanceChecks: [],
};

beforeAll(async () => {
  // Installed in parallel once; later runs find them in the cache directory.
  await Promise.all(agents.map((agent) => ensureCliAgent(cliAgentSpecs[agent.id], testAgentToolsDir)));
}, 300_000);

describe.each(agents)("$id", ({ id, api, baseUrl }) => {
  let provider: FakeAgentProvider;
  const workspaces: { remove: () => void }[] = [];
  afterAll(async () => {
    await provider?.close();
    for (const workspace of workspaces) workspace.remove();
  });

  it("edits a file and runs a command; the transcript shows the steps, the request carries the instructions", async () => {
    const workspace = gitWorkspace();
    workspaces.push(workspace);
    // Qwen Code can answer its write tool before the file is on disk (CI once saw the next
    // turn's `cat` print nothing, and the file written after): its command waits for the file,
    // since what is checked here is Mergeline's transcript of the command, not Qwen's timing.
    const command =
      id === "qwen-code"
        ? "for i in $(seq 50); do [ -s src/hello.txt ] && break; sleep 0.1; done; cat src/hello.txt"
        : undefined;
    provider = await startFakeAgentProvider(
      fileEditScript({ workspace: workspace.dir, file: "src/hello.txt", content: "hello world\n", command }),
    );
    const instructions = await readRepositoryInstructions({ workspacePath: workspace.dir, changedPaths: plan.files });
    expect(instructions.map((file) => file.path)).toEqual(["src/AGENTS.md", "CLAUDE.md"]);
    const prompt = await buildCoderPrompt({
      goal: "Add a hello file",
      workspacePath: workspace.dir,
      plan,
      repositoryInstructions: instructions,
      agentTools: "own",
    });
    const steps: string[] = [];
    const result = await runCliAgent({
      spec: cliAgentSpecs[id],
      endpoint: { model: cliAgentSpecs[id].defaultModel, baseUrl: baseUrl(provider), apiKey: "sk-test-key-123456" },
      workspacePath: workspace.dir,
      sandbox: getSandbox(),
      prompt,
      timeoutMs: 60_000,
      toolsDir: testAgentToolsDir,
      recorder: {
        prompt: () => undefined,
        step: (step) =>
          steps.push(...step.content.map((part) => ("toolName" in part ? String(part.toolName) : part.type))),
        flush: async () => undefined,
      },
    });
    expect(readFileSync(`${workspace.dir}/src/hello.txt`, "utf8")).toBe("hello world\n");
    const modelCalls = provider.requests.filter((request) => request.tools.length > 0);
    expect(modelCalls.length).toBeGreaterThanOrEqual(3);
    expect(modelCalls[0]!.api).toBe(api);
    // The repository's instructions reached the model, and the key did not leak into the prompt.
    expect(modelCalls[0]!.text).toContain("MARKER-SRC-AGENTS");
    expect(modelCalls[0]!.text).toContain("MARKER-CLAUDE");
    // Mergeline's prompt carries the AGENTS.md nearest to the changed path (some CLIs add the root one themselves).
    expect(prompt.prompt).not.toContain("MARKER-ROOT-AGENTS");
    expect(modelCalls[0]!.text).not.toContain("sk-test-key-123456");
    const edit = result.transcript.find(
      (entry) => entry.type === "tool-call" && ["write_file", "file_change"].includes(entry.toolName),
    );
    expect(edit).toBeDefined();
    const commandResult = result.transcript.find(
      (entry) => entry.type === "tool-result" && entry.toolName === "run_command",
    );
    expect(JSON.stringify(commandResult)).toContain("hello world");
    expect(result.finalText).toContain("Wrote src/hello.txt");
    // Copilot CLI reports no token counts in its JSON output.
    if (id !== "copilot-cli") expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(steps).toContain("run_command");
  });

  it("a cancel mid-run leaves no process; the budget's minutes stop one that runs too long", async () => {
    const workspace = gitWorkspace();
    workspaces.push(workspace);
    const slow = await startFakeAgentProvider(
      fileEditScript({ workspace: workspace.dir, file: "x.txt", content: "x\n", delayMs: 60_000 }),
    );
    const spec = cliAgentSpecs[id];
    const base = {
      spec,
      endpoint: { model: spec.defaultModel, baseUrl: baseUrl(slow), apiKey: "sk-test" },
      workspacePath: workspace.dir,
      sandbox: getSandbox(),
      prompt: { instructions: "i", prompt: "p" },
      toolsDir: testAgentToolsDir,
    };
    try {
      const controller = new AbortController();
      const cancelled = runCliAgent({ ...base, timeoutMs: 120_000, signal: controller.signal });
      while (slow.requests.filter((request) => request.tools.length > 0).length === 0)
        await new Promise((resolve) => setTimeout(resolve, 50));
      controller.abort();
      const result = await cancelled;
      expect(result.stopReason).toBe("aborted");
      expect(processesWith(`${id}-${spec.version}`)).toEqual([]);

      const timedOut = await runCliAgent({ ...base, timeoutMs: 4000 });
      expect(timedOut.timedOut).toBe(true);
      expect(processesWith(`${id}-${spec.version}`)).toEqual([]);
    } finally {
      await slow.close();
    }
  });
});

it("a prompt longer than one argument may be (128 KiB) reaches the model whole, on standard input", async () => {
  const workspace = gitWorkspace();
  const provider = await startFakeAgentProvider(() => ({ text: "Done." }));
  try {
    const spec = cliAgentSpecs.codex;
    await runCliAgent({
      spec,
      endpoint: { model: spec.defaultModel, baseUrl: `${provider.origin}/v1`, apiKey: "sk-test" },
      workspacePath: workspace.dir,
      sandbox: getSandbox(),
      prompt: { instructions: "Read all of it.", prompt: `${"context line\n".repeat(20_000)}END-OF-LONG-PROMPT` },
      timeoutMs: 60_000,
      toolsDir: testAgentToolsDir,
    });
    expect(provider.requests.at(-1)?.text).toContain("END-OF-LONG-PROMPT");
  } finally {
    await provider.close();
    workspace.remove();
  }
});
