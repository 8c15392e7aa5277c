import { appendFileSync } from "node:fs";
import path from "node:path";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

// For tests: a real MCP server over stdio, built with the official SDK and bundled into one
// file (write-stdio-mcp-server.ts) that `node` runs in the sandbox. Its one tool,
// `lookup_ticket`, answers a ticket's text; each call is appended to MCP_STDIO_LOG, or (a CLI
// agent may not pass variables on) mcp-stdio.log beside the script, in the workspace.
const logFile = process.env.MCP_STDIO_LOG ?? path.join(path.dirname(process.argv[1] ?? "."), "mcp-stdio.log");
const log = (line: string) => appendFileSync(logFile, `${line}\n`);
const server = new McpServer({ name: "tickets-stdio", version: "1.0.0" });
server.registerTool(
  "lookup_ticket",
  { description: "The text of a ticket by its id", inputSchema: { id: z.string() } },
  async ({ id }) => {
    log(`call lookup_ticket ${id}`);
    return { content: [{ type: "text", text: `Ticket ${id}: the cart must count items. STDIO-TICKET-MARKER` }] };
  },
);
log("started");
process.stderr.write("tickets-stdio: ready\n");
await server.connect(new StdioServerTransport());
