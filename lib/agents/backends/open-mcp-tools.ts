import { createMCPClient } from "@ai-sdk/mcp";
import type { ToolSet } from "ai";
import type { ResolvedMcpServer } from "@/lib/agents/backends/resolve-mcp-servers";
import { logger } from "@/lib/platform/logger";

export type McpTools = { tools: ToolSet; close: () => Promise<void>; unavailable: string[] };

/**
 * The built-in agent's MCP tools: a client (the AI SDK's) per HTTP server, its tools named
 * `mcp_<server>_<tool>` so they cannot shadow the agent's own and the transcript says where
 * each call went. Stdio servers are for CLI agents (they start them inside the sandbox): the
 * built-in agent runs in the app's process, so it does not start commands. A server that
 * does not answer is left out and named in `unavailable`, not a failed attempt.
 */
export async function openMcpTools(servers: ResolvedMcpServer[]): Promise<McpTools> {
  const clients: Awaited<ReturnType<typeof createMCPClient>>[] = [];
  const tools: ToolSet = {};
  const unavailable: string[] = [];
  for (const server of servers) {
    if (server.kind !== "http") continue;
    try {
      const client = await createMCPClient({
        transport: { type: "http", url: server.url, headers: server.headers },
        name: "mergeline",
      });
      clients.push(client);
      for (const [name, tool] of Object.entries(await client.tools())) tools[`mcp_${server.name}_${name}`] = tool;
    } catch (error) {
      logger.warn({ err: error, server: server.name }, "an MCP server of the project did not answer");
      unavailable.push(server.name);
    }
  }
  return {
    tools,
    unavailable,
    close: async () => {
      await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    },
  };
}
