import { existsSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliAgentId, cliAgentSpecs } from "@/lib/agents/backends/cli-agent-specs";
import { ensureCliAgent } from "@/lib/agents/backends/install-cli-agent";
import { openMcpTools } from "@/lib/agents/backends/open-mcp-tools";
import { resolveMcpServers } from "@/lib/agents/backends/resolve-mcp-servers";
import { runCliAgent } from "@/lib/agents/backends/run-cli-agent";
import { runCodingAgent } from "@/lib/agents/coder";
import { getModel } from "@/lib/ai/models";
import { getSandbox } from "@/lib/sandbox";
import { createProcessDriver } from "@/lib/sandbox/process-driver";
import { testAgentToolsDir } from "@/testing/ai/agent-tools-cache";
import { callTool } from "@/testing/ai/call-tool";
import { type ProviderScript, startFakeAgentProvider } from "@/testing/ai/fake-agent-provider";
import { startFakeMcpServer } from "@/testing/ai/fake-mcp-server";
import { writeStdioMcpServer } from "@/testing/ai/write-stdio-mcp-server";
import { makeWorkspace, processesWith } from "@/testing/sandbox-test-kit";

// The project's MCP servers reach every agent: the built-in one through the AI SDK's MCP
// client, CLI agents through their own config, in the sandbox. Each call is in the transcript.

// Calls whichever tool the agent offers for the MCP server's lookup_ticket, then answers.
const lookupScript: ProviderScript = (request) => {
  const tool = request.tools.find((name) => name.includes("lookup_ticket"));
  if (tool && request.toolResults === 0) return { toolCalls: [{ name: tool, arguments: { id: "T-1" } }] };
  return { text: request.text.includes("TICKET-MARKER") ? "Read the ticket." : "No ticket." };
};

let mcp: Awaited<ReturnType<typeof startFakeMcpServer>>;
let provider: Awaited<ReturnType<typeof startFakeAgentProvider>>;
const workspace = makeWorkspace();
const settings = () => [
  { name: "tickets", url: mcp.url, headers: { Authorization: "Bearer {{secret:TICKETS_TOKEN}}" } },
];
const secrets = { TICKETS_TOKEN: "tickets-secret-value-1234" };
let stdioScript: string;
const stdioLog = () => `${workspace.dir}/mcp-stdio.log`;
const stdioLines = () => (existsSync(stdioLog()) ? readFileSync(stdioLog(), "utf8").trim().split("\n") : []);
const stdioSettings = () => [{ name: "local", command: "node", args: [stdioScript] }];
const builtInModel = () =>
  getModel("code", { settings: { model: null } } as never, {
    config: { defaultModel: "openai-compatible:stand-in", openaiBaseUrl: `${provider.origin}/v1` },
  }).model;

beforeAll(async () => {
  mcp = await startFakeMcpServer();
  provider = await startFakeAgentProvider(lookupScript);
  stdioScript = await writeStdioMcpServer(workspace.dir);
  await Promise.all(
    (["codex", "claude-code", "gemini-cli", "qwen-code", "copilot-cli"] as const).map((id) =>
      ensureCliAgent(cliAgentSpecs[id], testAgentToolsDir),
    ),
  );
}, 300_000);
afterAll(async () => {
  await mcp?.close();
  await provider?.close();
  workspace.remove();
});

describe("MCP tools for agents", () => {
  it("resolves secrets into headers, refuses a missing one, and keeps stdio servers only when allowed", () => {
    expect(resolveMcpServers(settings(), secrets, { allowStdio: false })).toEqual([
      { name: "tickets", kind: "http", url: mcp.url, headers: { Authorization: `Bearer ${secrets.TICKETS_TOKEN}` } },
    ]);
    expect(() => resolveMcpServers(settings(), {}, { allowStdio: false })).toThrow(/TICKETS_TOKEN/);
    const stdio = [{ name: "local", command: "node", args: ["server.js"] }];
    expect(resolveMcpServers(stdio, {}, { allowStdio: false })).toEqual([]);
    expect(resolveMcpServers(stdio, {}, { allowStdio: true })).toHaveLength(1);
  });

  it("the built-in agent calls an MCP tool through the AI SDK's client; the call is in the transcript", async () => {
    const tools = await openMcpTools(resolveMcpServers(settings(), secrets, { allowStdio: false }));
    try {
      const result = await runCodingAgent({
        model: builtInModel(),
        workspacePath: workspace.dir,
        sandbox: getSandbox(),
        prompt: { instructions: "i", prompt: "Read ticket T-1" },
        maxSteps: 4,
        extraTools: tools.tools,
        redact: Object.values(secrets),
      });
      const call = result.transcript.find(
        (entry) => entry.type === "tool-result" && entry.toolName === "mcp_tickets_lookup_ticket",
      );
      expect(JSON.stringify(call)).toContain("TICKET-MARKER");
      expect(result.finalText).toBe("Read the ticket.");
    } finally {
      await tools.close();
    }
    expect(mcp.calls).toContainEqual({ tool: "lookup_ticket", args: { id: "T-1" } });
    expect(mcp.headers.some((headers) => headers.authorization === `Bearer ${secrets.TICKETS_TOKEN}`)).toBe(true);
  });

  it("the built-in agent calls a tool of a stdio server started in the sandbox; it dies with the tools", async () => {
    const tools = await openMcpTools(resolveMcpServers(stdioSettings(), {}, { allowStdio: true }), {
      sandbox: getSandbox(),
      workspacePath: workspace.dir,
      env: { MCP_STDIO_LOG: stdioLog() },
    });
    expect(tools.unavailable).toEqual([]);
    expect(Object.keys(tools.tools)).toContain("mcp_local_lookup_ticket");
    expect(processesWith(stdioScript).length).toBeGreaterThan(0);
    try {
      const result = await runCodingAgent({
        model: builtInModel(),
        workspacePath: workspace.dir,
        sandbox: getSandbox(),
        prompt: { instructions: "i", prompt: "Read ticket T-1" },
        maxSteps: 4,
        extraTools: tools.tools,
      });
      const call = result.transcript.find(
        (entry) => entry.type === "tool-result" && entry.toolName === "mcp_local_lookup_ticket",
      );
      expect(JSON.stringify(call)).toContain("STDIO-TICKET-MARKER");
      expect(result.finalText).toBe("Read the ticket.");
    } finally {
      await tools.close();
    }
    expect(stdioLines()).toContain("call lookup_ticket T-1");
    expect(processesWith(stdioScript)).toEqual([]);
  });

  it("a stdio server works on the process driver too (no bwrap)", async () => {
    const tools = await openMcpTools(resolveMcpServers(stdioSettings(), {}, { allowStdio: true }), {
      sandbox: createProcessDriver(),
      workspacePath: workspace.dir,
    });
    try {
      const tool = tools.tools.mcp_local_lookup_ticket;
      if (!tool) throw new Error(`no stdio tool: ${tools.unavailable.join(", ")}`);
      expect(JSON.stringify(await callTool(tool, { id: "T-2" }))).toContain("STDIO-TICKET-MARKER");
    } finally {
      await tools.close();
    }
    expect(stdioLines()).toContain("call lookup_ticket T-2");
    expect(processesWith(stdioScript)).toEqual([]);
  });

  it("a cancelled attempt kills its stdio server; one that does not start is unavailable, not a failure", async () => {
    const controller = new AbortController();
    const tools = await openMcpTools(resolveMcpServers(stdioSettings(), {}, { allowStdio: true }), {
      sandbox: getSandbox(),
      workspacePath: workspace.dir,
      signal: controller.signal,
    });
    expect(processesWith(stdioScript).length).toBeGreaterThan(0);
    controller.abort("cancelled");
    for (let i = 0; i < 100 && processesWith(stdioScript).length > 0; i++) await sleep(50);
    expect(processesWith(stdioScript)).toEqual([]);
    await tools.close();

    const broken = [{ name: "broken", command: "node", args: ["-e", "process.exit(3)"] }];
    const none = await openMcpTools(resolveMcpServers(broken, {}, { allowStdio: true }), {
      sandbox: getSandbox(),
      workspacePath: workspace.dir,
    });
    expect(none.unavailable).toEqual(["broken"]);
    expect(Object.keys(none.tools)).toEqual([]);
    await none.close();
    // Without a sandbox to start them in, stdio servers are named unavailable.
    expect((await openMcpTools(resolveMcpServers(stdioSettings(), {}, { allowStdio: true }))).unavailable).toEqual([
      "local",
    ]);
  });

  it.each<[CliAgentId, string]>([
    ["codex", "/v1"],
    ["claude-code", ""],
    ["gemini-cli", ""],
    ["qwen-code", "/v1"],
    ["copilot-cli", "/v1"],
  ])(
    "%s calls the MCP tool from the sandbox through its own config; the call is in the transcript",
    async (id, path) => {
      const before = mcp.calls.length;
      const result = await runCliAgent({
        spec: cliAgentSpecs[id],
        endpoint: { model: cliAgentSpecs[id].defaultModel, baseUrl: `${provider.origin}${path}`, apiKey: "sk-test" },
        workspacePath: workspace.dir,
        sandbox: getSandbox(),
        prompt: { instructions: "i", prompt: "Read ticket T-1" },
        timeoutMs: 60_000,
        toolsDir: testAgentToolsDir,
        mcpServers: resolveMcpServers(settings(), secrets, { allowStdio: false }),
        redact: Object.values(secrets),
      });
      expect(mcp.calls.length).toBe(before + 1);
      const call = result.transcript.find(
        (entry) => entry.type === "tool-call" && entry.toolName.includes("lookup_ticket"),
      );
      expect(call).toBeDefined();
      expect(JSON.stringify(result.transcript)).toContain("TICKET-MARKER");
      expect(JSON.stringify(result.transcript)).not.toContain(secrets.TICKETS_TOKEN);
    },
  );

  it("a CLI agent (Codex) starts a stdio server from its own config in the sandbox and calls its tool", async () => {
    const calls = stdioLines().filter((line) => line.startsWith("call")).length;
    const result = await runCliAgent({
      spec: cliAgentSpecs.codex,
      endpoint: { model: cliAgentSpecs.codex.defaultModel, baseUrl: `${provider.origin}/v1`, apiKey: "sk-test" },
      workspacePath: workspace.dir,
      sandbox: getSandbox(),
      prompt: { instructions: "i", prompt: "Read ticket T-1" },
      timeoutMs: 60_000,
      toolsDir: testAgentToolsDir,
      mcpServers: resolveMcpServers(stdioSettings(), {}, { allowStdio: true }),
    });
    expect(stdioLines().filter((line) => line.startsWith("call"))).toHaveLength(calls + 1);
    expect(JSON.stringify(result.transcript)).toContain("STDIO-TICKET-MARKER");
    expect(processesWith(stdioScript)).toEqual([]);
  });
});
