// POST /api/mcp: Mergeline's MCP server (Streamable HTTP, stateless), API keys as bearer tokens
import { apiRoutes } from "@/app/api/v1/routes";
import { createApiDispatcher } from "@/lib/api/create-api-dispatcher";
import { handleMcpRequest } from "@/lib/mcp/handle-mcp-request";

// The tools call these routes in-process, as the caller.
const dispatch = createApiDispatcher(apiRoutes);

export const POST = (request: Request) => handleMcpRequest(request, dispatch);
export const GET = POST;
export const DELETE = POST;
