import { type CliAgentId, cliAgentSpecs } from "@/lib/agents/backends/cli-agent-specs";
import { testAgentToolsDir } from "@/testing/ai/agent-tools-cache";
import { type FakeAgentProvider, startFakeAgentProvider } from "@/testing/ai/fake-agent-provider";
import { fileEditScript } from "@/testing/ai/file-edit-script";
import { brokenCart } from "@/testing/pipeline/fixture-scripts";
import { type PipelineHarness, startPipelineHarness } from "@/testing/pipeline/pipeline-harness";

// Whole runs with CLI agents, for the pipeline tests: the embedded engine and the app's
// functions (the scripted model plans), the CLI agents installed in the tests' cache, and a
// stand-in of their providers' APIs whose answers depend on the model each run asks for.

export const itemCountPlan = {
  object: {
    summary: "Add itemCount(cart) in its own module.",
    steps: [{ title: "Add src/item-count.js" }],
    files: ["src/item-count.js"],
    acceptanceChecks: [{ description: "The cart tests still pass", test: "npm test" }],
  },
};
export const smallItemCount =
  "export const itemCount = (cart) => cart.reduce((sum, line) => sum + line.quantity, 0);\n";
export const largeItemCount = `${Array.from({ length: 40 }, (_, i) => `// note ${i}`).join("\n")}\n${smallItemCount}`;

// By model: "breaks" breaks the cart's tests, "large" passes with a large diff, anything else
// ("small") passes with a small one.
const scripts = {
  breaks: fileEditScript({ file: "src/cart.js", content: brokenCart, via: "shell", command: "npm test" }),
  large: fileEditScript({ file: "src/item-count.js", content: largeItemCount }),
  small: fileEditScript({ file: "src/item-count.js", content: smallItemCount }),
};

/** The API path a CLI agent's base URL ends with on the stand-in. */
export const basePathOf = (id: CliAgentId) =>
  cliAgentSpecs[id].protocol === "anthropic-messages" || cliAgentSpecs[id].protocol === "gemini" ? "" : "/v1";

export async function startAgentPipeline(
  agents: CliAgentId[],
): Promise<{ harness: PipelineHarness; provider: FakeAgentProvider; close: () => Promise<void> }> {
  process.env.MERGELINE_AGENT_TOOLS_DIR = testAgentToolsDir;
  const harness = await startPipelineHarness({
    script: { name: "agents", plan: [itemCountPlan], code: [[{ text: "unused" }]] },
  });
  // Modules that read the environment load after the harness has set it.
  const { ensureCliAgent } = await import("@/lib/agents/backends/install-cli-agent");
  await Promise.all(agents.map((id) => ensureCliAgent(cliAgentSpecs[id], testAgentToolsDir)));
  const provider = await startFakeAgentProvider((request) =>
    (scripts[request.model as keyof typeof scripts] ?? scripts.small)(request),
  );
  return {
    harness,
    provider,
    close: async () => {
      await harness.close();
      await provider.close();
    },
  };
}
