import { createMCPClient, type MCPTransport } from "@ai-sdk/mcp";
import type { ToolSet } from "ai";
import type { ResolvedMcpServer } from "@/lib/agents/backends/resolve-mcp-servers";
import { SandboxStdioTransport } from "@/lib/agents/backends/sandbox-stdio-transport";
import { logger } from "@/lib/platform/logger";
import type { SandboxDriver } from "@/lib/sandbox/types";

export type McpTools = { tools: ToolSet; close: () => Promise<void>; unavailable: string[] };

/** Where the attempt's stdio servers run: its sandbox and workspace, under its signal. */
export type McpStdioContext = {
  sandbox: SandboxDriver;
  workspacePath: string;
  /** The same variables as the agent's commands get. */
  env?: Record<string, string>;
  redact?: string[];
  signal?: AbortSignal;
  /** The run's minutes left: a server still running then is killed. */
  maxLifetimeMs?: number;
};

// Long enough for `npx some-server` from a warm cache, short enough not to eat the attempt.
const STDIO_START_TIMEOUT_MS = 60_000;
const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

/**
 * The built-in agent's MCP tools: a client (the AI SDK's) per server, its tools named
 * `mcp_<server>_<tool>` so they cannot shadow the agent's own and the transcript says where
 * each call went. HTTP servers are reached from the app; stdio servers (kept only when an
 * admin allows them) are started in the attempt's sandbox, in its workspace, with no network,
 * and killed when the tools are closed or the attempt's signal aborts. A server that does not
 * answer is left out and named in `unavailable`, not a failed attempt.
 */
export async function openMcpTools(servers: ResolvedMcpServer[], stdio?: McpStdioContext): Promise<McpTools> {
  const clients: Awaited<ReturnType<typeof createMCPClient>>[] = [];
  const transports: SandboxStdioTransport[] = [];
  const tools: ToolSet = {};
  const unavailable: string[] = [];
  for (const server of servers) {
    if (server.kind === "stdio" && !stdio) {
      unavailable.push(server.name);
      continue;
    }
    let transport: SandboxStdioTransport | null = null;
    try {
      let config: MCPTransport | { type: "http"; url: string; headers: Record<string, string> };
      if (server.kind === "http") config = { type: "http", url: server.url, headers: server.headers };
      else {
        const context = stdio as McpStdioContext;
        transport = new SandboxStdioTransport({
          ...context,
          command: `exec ${[server.command, ...server.args].map(quote).join(" ")}`,
        });
        transports.push(transport);
        config = transport;
      }
      const client = await withTimeout(createMCPClient({ transport: config, name: "mergeline" }), server);
      clients.push(client);
      for (const [name, tool] of Object.entries(await client.tools())) tools[`mcp_${server.name}_${name}`] = tool;
    } catch (error) {
      await transport?.close().catch(() => undefined);
      const stderr = transport ? (await transport.stderr()).slice(-2000) : undefined;
      logger.warn({ err: error, server: server.name, stderr }, "an MCP server of the project did not answer");
      unavailable.push(server.name);
    }
  }
  return {
    tools,
    unavailable,
    close: async () => {
      await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
      await Promise.all(transports.map((transport) => transport.close().catch(() => undefined)));
    },
  };
}

async function withTimeout<T>(promise: Promise<T>, server: ResolvedMcpServer): Promise<T> {
  if (server.kind === "http") return promise;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the MCP server did not start within ${STDIO_START_TIMEOUT_MS / 1000} s`)),
      STDIO_START_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
