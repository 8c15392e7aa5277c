import { appendFileSync } from "node:fs";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

// For tests: a real MCP server over stdio, built with the official SDK and bundled into one
// file (write-stdio-mcp-server.ts) that `node` runs in the sandbox. Its one tool,
// `lookup_ticket`, answers a ticket's text; each call and the server's pid are appended to
// MCP_STDIO_LOG (a path in the workspace), so a test sees calls and that it was killed.
const log = (line: string) => {
  if (process.env.MCP_STDIO_LOG) appendFileSync(process.env.MCP_STDIO_LOG, `${line}\n`);
};
const server = new McpServer({ name: "tickets-stdio", version: "1.0.0" });
server.registerTool(
  "lookup_ticket",
  { description: "The text of a ticket by its id", inputSchema: { id: z.string() } },
  async ({ id }) => {
    log(`call lookup_ticket ${id}`);
    return { content: [{ type: "text", text: `Ticket ${id}: the cart must count items. STDIO-TICKET-MARKER` }] };
  },
);
log(`pid ${process.pid}`);
process.stderr.write("tickets-stdio: ready\n");
await server.connect(new StdioServerTransport());
