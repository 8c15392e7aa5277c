import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import type { Database } from "@/db/client";
import type { ApiAnswer, ApiCall, ApiDispatcher } from "@/lib/api/create-api-dispatcher";
import type { Actor } from "@/lib/auth/actor";
import { isUuid } from "@/lib/platform/uuid";
import { auditMcpCall } from "./audit-mcp-call";
import { readTools } from "./read-tools";
import { runResources } from "./run-resources";
import { writeTools } from "./write-tools";

const instructions =
  "Mergeline turns issues into merged pull requests. list_projects and get_project show the pinned repositories; " +
  "search_code and read_file read a project's code (results carry path:line); start_run starts a run, which plans, " +
  "waits for decide_plan (unless auto-confirmed), codes, opens a PR and validates; get_run and list_runs follow runs; " +
  "cancel_run and merge_run act on them. A run's plan, transcript and validations are resources.";

const errorText = (answer: ApiAnswer) => {
  const error = (answer.json as { error?: { code?: string; message?: string } }).error;
  return `${error?.code ?? `status ${answer.status}`}: ${error?.message ?? "The API refused the call"}`;
};

/**
 * The MCP server of one request (the transport is stateless): every tool and resource is a
 * call of /api/v1 made with the caller's own API key, and every call is audited.
 */
export function createMcpServer({
  db,
  actor,
  dispatch,
  token,
  headers,
}: {
  db: Database;
  actor: Extract<Actor, { kind: "api_key" }>;
  dispatch: ApiDispatcher;
  token: string;
  headers: Headers;
}): McpServer {
  const server = new McpServer({ name: "mergeline", version: "1.0.0" }, { instructions });
  // The key was authenticated for this request: the API routes take its actor as is.
  const call = (apiCall: ApiCall) => dispatch(apiCall, { token, headers, actor });

  for (const tool of [...readTools, ...writeTools]) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.input,
        annotations: { readOnlyHint: !tool.write, destructiveHint: tool.write, openWorldHint: false },
      },
      async (args: Record<string, unknown>) => {
        const answer = await call(tool.call(args));
        await auditMcpCall({
          db,
          actor,
          kind: "tool",
          name: tool.name,
          data: { arguments: args, status: answer.status },
        });
        if (answer.status >= 400)
          return { isError: true, content: [{ type: "text" as const, text: errorText(answer) }] };
        const text = tool.present ? tool.present(answer.json) : JSON.stringify(answer.json, null, 2);
        return { content: [{ type: "text" as const, text }] };
      },
    );
  }

  for (const resource of runResources) {
    server.registerResource(
      resource.name,
      new ResourceTemplate(resource.template, { list: undefined }),
      { title: resource.title, description: resource.description, mimeType: "application/json" },
      async (uri, variables) => {
        const id = variables[resource.variable];
        if (typeof id !== "string" || !isUuid(id))
          throw new McpError(ErrorCode.InvalidParams, `${resource.variable} must be a uuid`);
        const answer = await call(resource.call(id));
        await auditMcpCall({
          db,
          actor,
          kind: "resource",
          name: resource.name,
          data: { uri: uri.href, status: answer.status },
        });
        if (answer.status >= 400) throw new McpError(ErrorCode.InvalidParams, errorText(answer));
        return {
          contents: [
            { uri: uri.href, mimeType: "application/json", text: JSON.stringify(resource.pick(answer.json), null, 2) },
          ],
        };
      },
    );
  }
  return server;
}
