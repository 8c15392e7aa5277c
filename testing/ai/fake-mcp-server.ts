import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

/**
 * For tests: a real MCP server (Streamable HTTP, stateless) on 127.0.0.1 with one tool,
 * `lookup_ticket`, that answers a ticket's text. It records each tool call and the headers
 * each request came with (to see a secret header arrive).
 */
export async function startFakeMcpServer() {
  const calls: { tool: string; args: unknown }[] = [];
  const headers: Record<string, string | string[] | undefined>[] = [];
  const http = createServer(async (req, res) => {
    headers.push(req.headers);
    let raw = "";
    for await (const chunk of req) raw += String(chunk);
    const server = new McpServer({ name: "tickets", version: "1.0.0" });
    server.registerTool(
      "lookup_ticket",
      { description: "The text of a ticket by its id", inputSchema: { id: z.string() } },
      async ({ id }) => {
        calls.push({ tool: "lookup_ticket", args: { id } });
        return { content: [{ type: "text", text: `Ticket ${id}: the cart must count items. TICKET-MARKER` }] };
      },
    );
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, raw ? JSON.parse(raw) : undefined);
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    calls,
    headers,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
