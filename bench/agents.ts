import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type CliAgentId, cliAgentSpecs } from "@/lib/agents/backends/cli-agent-specs";
import { testAgentToolsDir } from "@/testing/ai/agent-tools-cache";
import { type ProviderScript, startFakeAgentProvider } from "@/testing/ai/fake-agent-provider";
import { fileEditScript } from "@/testing/ai/file-edit-script";
import { startPipelineHarness } from "@/testing/pipeline/pipeline-harness";
import { figure, percentile } from "./lib/figures";

// Coding agents against a stand-in of their providers' APIs (testing/ai/fake-agent-provider.ts,
// answering at once), in this machine's sandbox:
// - agent_start_ms_<backend>: from handing the agent its prompt (the sandbox starting it) to
//   its first model request, median of 3, for each CLI agent and the built-in AI SDK agent
//   (also with a stdio MCP server started in the sandbox first: _built_in_stdio_mcp);
// - single_attempt_wall_s and best_of_3_wall_s: a whole run (plan by the scripted model,
//   code, validate with the demo's `npm test`, merge) through the embedded engine with one
//   Codex CLI attempt, then with best-of-3 (three Codex CLI candidates: one breaks the tests,
//   one passes with a large diff, one with a small one). Goal: best-of-3 under 1.5x.

const ROUNDS = 3;
const cliAgents: CliAgentId[] = ["codex", "claude-code", "gemini-cli", "qwen-code", "copilot-cli"];
const baseUrlFor = (id: CliAgentId, origin: string) =>
  cliAgentSpecs[id].protocol === "anthropic-messages" || cliAgentSpecs[id].protocol === "gemini"
    ? origin
    : `${origin}/v1`;

function scratchWorkspace(): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), "mergeline-bench-agents-")));
  execFileSync("git", ["init", "-q", "-b", "main"], { cwd: dir });
  writeFileSync(path.join(dir, "README.md"), "# bench\n");
  execFileSync("git", ["add", "."], { cwd: dir });
  execFileSync("git", ["-c", "user.name=b", "-c", "user.email=b@b", "commit", "-qm", "init"], { cwd: dir });
  return dir;
}

async function agentStartFigures(): Promise<void> {
  process.env.MERGELINE_AGENT_TOOLS_DIR = testAgentToolsDir;
  const { ensureCliAgent } = await import("@/lib/agents/backends/install-cli-agent");
  const { runCliAgent } = await import("@/lib/agents/backends/run-cli-agent");
  const { runCodingAgent } = await import("@/lib/agents/coder");
  const { getModel } = await import("@/lib/ai/models");
  const { getSandbox } = await import("@/lib/sandbox");
  await Promise.all(cliAgents.map((id) => ensureCliAgent(cliAgentSpecs[id], testAgentToolsDir)));
  const sandbox = getSandbox();
  const prompt = { instructions: "You are a coding agent.", prompt: "Write hello.txt." };
  // The first answer ends the agent's turn: only the way to the first request is measured.
  const done: ProviderScript = () => ({ text: "Nothing to do." });

  const measure = async (start: (baseOrigin: string, workspace: string) => Promise<unknown>) => {
    const samples: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const provider = await startFakeAgentProvider(done);
      const workspace = scratchWorkspace();
      try {
        const started = performance.now();
        await start(provider.origin, workspace);
        const first = provider.requests.find((request) => request.tools.length > 0) ?? provider.requests[0];
        if (first) samples.push(first.at - started);
        if (process.env.BENCH_AGENTS_VERBOSE) process.stderr.write(`sample ${Math.round(samples.at(-1) ?? -1)} ms\n`);
      } finally {
        await provider.close();
        rmSync(workspace, { recursive: true, force: true });
      }
    }
    return percentile(samples, 50);
  };

  const builtIn = await measure((origin, workspace) =>
    runCodingAgent({
      model: getModel(
        "code",
        { settings: { model: null } as never },
        {
          config: { defaultModel: "openai-compatible:bench", openaiBaseUrl: `${origin}/v1` },
        },
      ).model,
      workspacePath: workspace,
      sandbox,
      prompt,
      maxSteps: 2,
    }),
  );
  figure("agent_start_ms_built_in", Math.round(builtIn), "ms");
  // The same with a stdio MCP server (the official SDK's, bundled) started in the sandbox first.
  const { openMcpTools } = await import("@/lib/agents/backends/open-mcp-tools");
  const { writeStdioMcpServer } = await import("@/testing/ai/write-stdio-mcp-server");
  const bundleDir = mkdtempSync(path.join(os.tmpdir(), "mergeline-bench-mcp-"));
  const bundle = await writeStdioMcpServer(bundleDir);
  const withStdio = await measure(async (origin, workspace) => {
    copyFileSync(bundle, path.join(workspace, "mcp-tickets.mjs"));
    const mcp = await openMcpTools([{ name: "local", kind: "stdio", command: "node", args: ["mcp-tickets.mjs"] }], {
      sandbox,
      workspacePath: workspace,
    });
    if (mcp.unavailable.length > 0) throw new Error("the stdio MCP server did not start");
    try {
      await runCodingAgent({
        model: getModel(
          "code",
          { settings: { model: null } as never },
          { config: { defaultModel: "openai-compatible:bench", openaiBaseUrl: `${origin}/v1` } },
        ).model,
        workspacePath: workspace,
        sandbox,
        prompt,
        maxSteps: 2,
        extraTools: mcp.tools,
      });
    } finally {
      await mcp.close();
    }
  });
  rmSync(bundleDir, { recursive: true, force: true });
  figure("agent_start_ms_built_in_stdio_mcp", Math.round(withStdio), "ms");
  for (const id of cliAgents) {
    const spec = cliAgentSpecs[id];
    const ms = await measure((origin, workspace) =>
      runCliAgent({
        spec,
        endpoint: { model: spec.defaultModel, baseUrl: baseUrlFor(id, origin), apiKey: "sk-bench" },
        workspacePath: workspace,
        sandbox,
        prompt,
        timeoutMs: 120_000,
        toolsDir: testAgentToolsDir,
      }),
    );
    figure(`agent_start_ms_${id.replaceAll("-", "_")}`, Math.round(ms), "ms");
  }
}

async function bestOfFigures(): Promise<void> {
  const { brokenCart } = await import("@/testing/pipeline/fixture-scripts");
  const small = "export const itemCount = (cart) => cart.reduce((sum, line) => sum + line.quantity, 0);\n";
  const large = `${Array.from({ length: 40 }, (_, i) => `// note ${i}`).join("\n")}\n${small}`;
  const scripts: Record<string, ProviderScript> = {
    breaks: fileEditScript({ file: "src/cart.js", content: brokenCart, via: "shell", command: "npm test" }),
    large: fileEditScript({ file: "src/item-count.js", content: large }),
    small: fileEditScript({ file: "src/item-count.js", content: small }),
  };
  const provider = await startFakeAgentProvider((request) => (scripts[request.model] ?? scripts.small!)(request));
  const plan = {
    object: {
      summary: "Add itemCount(cart) in its own module.",
      steps: [{ title: "Add src/item-count.js" }],
      files: ["src/item-count.js"],
      acceptanceChecks: [{ description: "The cart tests pass", test: "npm test" }],
    },
  };
  const harness = await startPipelineHarness({
    script: { name: "bench agents", plan: [plan], code: [[{ text: "-" }]] },
  });
  try {
    const { createRun } = await import("@/lib/runs/create-run");
    const codex = (model: string) => ({ backend: "codex" as const, model, baseUrl: `${provider.origin}/v1` });
    const wall = async (agents: ReturnType<typeof codex>[]) => {
      const project = await harness.createProject({ autoMerge: "auto-when-green" });
      const started = performance.now();
      const run = await createRun({
        db: harness.db,
        input: { project, goal: "Add itemCount", source: "api", autoConfirm: true, agents },
      });
      const finished = await harness.waitForState(run.id, ["merged", "failed", "needs_human", "cancelled"], 600_000);
      if (finished.state !== "merged") throw new Error(`the run ended ${finished.state}: ${finished.stateReason}`);
      return (performance.now() - started) / 1000;
    };
    // A warm-up run fills the setup cache and the mirror as a project in use has them.
    await wall([codex("small")]);
    const single = await wall([codex("small")]);
    const best = await wall([codex("breaks"), codex("large"), codex("small")]);
    figure("single_attempt_wall_s", single, "s");
    figure("best_of_3_wall_s", best, "s");
    figure("best_of_3_ratio", best / single, "x");
  } finally {
    await harness.close();
    await provider.close();
  }
}

export async function run(): Promise<void> {
  figure("host_load_1m", os.loadavg()[0]!, "load");
  // The harness sets the environment the product's modules read: it goes first.
  // BENCH_AGENTS_ONLY=start measures only the agents' start.
  if (process.env.BENCH_AGENTS_ONLY !== "start") await bestOfFigures();
  await agentStartFigures();
}
