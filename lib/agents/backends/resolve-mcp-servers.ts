import type { McpServerSetting } from "@/db/schema";
import { AppError } from "@/lib/platform/errors";

/** An MCP server as an agent is given it: headers with the secrets they name filled in. */
export type ResolvedMcpServer =
  | { name: string; kind: "http"; url: string; headers: Record<string, string> }
  | { name: string; kind: "stdio"; command: string; args: string[] };

const SECRET_REFERENCE = /\{\{secret:([A-Za-z_][A-Za-z0-9_]*)\}\}/g;

/**
 * The project's MCP servers for one run: `{{secret:NAME}}` in a header replaced by the project
 * secret NAME (a missing one is an error on the run, said plainly); stdio servers kept only
 * when the server allows them (they are started inside the attempt's sandbox).
 */
export function resolveMcpServers(
  servers: McpServerSetting[] | undefined,
  secrets: Record<string, string>,
  { allowStdio }: { allowStdio: boolean },
): ResolvedMcpServer[] {
  const resolved: ResolvedMcpServer[] = [];
  for (const server of servers ?? []) {
    if (server.url) {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(server.headers ?? {})) {
        headers[name] = value.replace(SECRET_REFERENCE, (_, secret: string) => {
          const found = secrets[secret];
          if (found === undefined)
            throw new AppError(
              "bad_request:mcpServers",
              `The MCP server ${server.name}'s header ${name} names the project secret ${secret}, which does not exist`,
            );
          return found;
        });
      }
      resolved.push({ name: server.name, kind: "http", url: server.url, headers });
    } else if (server.command && allowStdio) {
      resolved.push({ name: server.name, kind: "stdio", command: server.command, args: server.args ?? [] });
    }
  }
  return resolved;
}
