import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedCart } from "@/testing/pipeline/fixture-scripts";
import type { PipelineHarness } from "@/testing/pipeline/pipeline-harness";

// A whole run whose built-in agent calls a tool of a stdio MCP server the project lists (the
// server allows stdio): the repository ships the server (the official SDK's, bundled), the
// attempt starts it in its sandbox, the call is in the run's transcript, the run merges, and
// no server process outlives the attempt. A second server that does not start is named on the
// attempt's timeline entry.

const plan = {
  object: {
    summary: "Add itemCount(cart) to the cart library, as ticket T-1 asks.",
    steps: [{ title: "Read ticket T-1" }, { title: "Add itemCount to src/cart.js" }],
    files: ["src/cart.js"],
    acceptanceChecks: [{ description: "The existing cart tests still pass", test: "npm test" }],
  },
};
const script = {
  name: "stdio MCP",
  plan: [plan],
  code: [
    [
      { toolCalls: [{ toolName: "mcp_tickets_lookup_ticket", input: { id: "T-1" } }] },
      { toolCalls: [{ toolName: "write_file", input: { path: "src/cart.js", content: fixedCart } }] },
      { text: "Added itemCount, as the ticket asks." },
    ],
  ],
};

let harness: PipelineHarness;
beforeAll(async () => {
  // Read when the environment module loads, which the harness's imports do.
  process.env.MERGELINE_ALLOW_STDIO_MCP = "true";
  const { startPipelineHarness } = await import("@/testing/pipeline/pipeline-harness");
  harness = await startPipelineHarness({ script });
}, 120_000);
afterAll(async () => {
  await harness?.close();
  delete process.env.MERGELINE_ALLOW_STDIO_MCP;
});

describe("the built-in agent with a project's stdio MCP server", () => {
  it("calls its tool from the sandbox; the call is in the transcript, the run merges, the server is gone", async () => {
    const { createRun } = await import("@/lib/runs/create-run");
    const { getAgentMessagesByRunId } = await import("@/db/queries/transcripts");
    const { writeStdioMcpServer } = await import("@/testing/ai/write-stdio-mcp-server");
    // Imported here: it loads the environment module, which must see the harness's settings.
    const { processesWith } = await import("@/testing/sandbox-test-kit");
    const project = await harness.createProject({
      autoMerge: "auto-when-green",
      mcpServers: [
        { name: "tickets", command: "node", args: ["tools/mcp-tickets.mjs"] },
        // One that exits at once: the agent works without it, and the attempt says so.
        { name: "ghost", command: "node", args: ["-e", "process.exit(3)"] },
      ],
    });
    mkdirSync(path.join(project.repository, "tools"));
    const script = await writeStdioMcpServer(path.join(project.repository, "tools"));
    const git = (...args: string[]) => execFileSync("git", ["-C", project.repository, ...args]);
    git("add", "tools");
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "the tickets MCP server");

    const run = await createRun({
      db: harness.db,
      input: { project, goal: "Add itemCount", source: "api", autoConfirm: true },
    });
    const finished = await harness.waitForState(run.id, ["merged", "failed", "needs_human", "cancelled"], 180_000);
    expect(finished.stateReason).toBeNull();
    expect(finished.state).toBe("merged");
    const transcript = await getAgentMessagesByRunId({ db: harness.db, runId: run.id });
    const call = transcript.find((message) => message.toolName === "mcp_tickets_lookup_ticket");
    expect(JSON.stringify(call?.toolOutput)).toContain("STDIO-TICKET-MARKER");
    const { getRunEventsOfTypes } = await import("@/db/queries/run-events");
    const [attempt] = await getRunEventsOfTypes({ db: harness.db, runId: run.id, types: ["agent.attempt"] });
    expect(attempt?.data).toMatchObject({ mcpUnavailable: ["ghost"] });
    // The same file name in the run's workspace: no process runs it any more.
    expect(processesWith(path.basename(script))).toEqual([]);
  }, 240_000);
});
