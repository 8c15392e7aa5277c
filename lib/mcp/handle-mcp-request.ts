import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { getDb } from "@/db";
import type { ApiDispatcher } from "@/lib/api/create-api-dispatcher";
import { authenticateApiKey } from "@/lib/api-keys";
import { clientIp } from "@/lib/platform/http/client-ip";
import { logger } from "@/lib/platform/logger";
import { createMcpServer } from "./create-mcp-server";

const jsonRpcError = (status: number, message: string, headers: Record<string, string> = {}) =>
  Response.json(
    { jsonrpc: "2.0", error: { code: status === 401 ? -32001 : -32000, message }, id: null },
    { status, headers: { "cache-control": "no-store", ...headers } },
  );

const unauthorized = (message: string) =>
  jsonRpcError(401, message, { "www-authenticate": 'Bearer realm="mergeline", error="invalid_token"' });

/**
 * POST /api/mcp: the MCP server over Streamable HTTP, stateless (a server per request,
 * JSON answers). Only API keys, as bearer tokens: 401 without a live one. What a key may
 * do is what its scopes allow in /api/v1, because every tool is a call of it.
 */
export async function handleMcpRequest(request: Request, dispatch: ApiDispatcher): Promise<Response> {
  if (request.method !== "POST")
    return jsonRpcError(405, "This MCP server is stateless: send JSON-RPC messages with POST", { allow: "POST" });
  const token = /^Bearer +(\S+) *$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  if (!token) return unauthorized("Send an API key as `Authorization: Bearer <key>`");
  const db = getDb();
  const actor = await authenticateApiKey({ db, token, ip: clientIp(request) });
  if (!actor) return unauthorized("The API key is unknown, expired or revoked");

  const server = createMcpServer({ db, actor, dispatch, token, headers: request.headers });
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  try {
    await server.connect(transport);
    return await transport.handleRequest(request, {
      authInfo: { token, clientId: actor.apiKeyId, scopes: actor.scopes },
    });
  } catch (error) {
    logger.error({ err: error }, "MCP request failed");
    return jsonRpcError(500, "The MCP request failed");
  } finally {
    await server.close().catch(() => undefined);
  }
}
