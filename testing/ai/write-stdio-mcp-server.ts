import path from "node:path";
import { build } from "esbuild";

/**
 * Bundles the test stdio MCP server (stdio-mcp-server.ts, with the SDK and zod) into one
 * self-contained file `dir/<name>`, since the sandbox sees the workspace but not
 * Mergeline's node_modules. Returns its path.
 */
export async function writeStdioMcpServer(dir: string, name = "mcp-tickets.mjs"): Promise<string> {
  const outfile = path.join(dir, name);
  await build({
    entryPoints: [path.join(import.meta.dirname, "stdio-mcp-server.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    outfile,
    logLevel: "silent",
  });
  return outfile;
}
