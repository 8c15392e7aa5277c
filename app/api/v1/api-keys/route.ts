// GET /api/v1/api-keys: the API keys of the caller's team, revoked ones included, oldest first; admin
// POST /api/v1/api-keys: create an API key (audited without its secret); admin; 201 with the key and its secret, shown this once
import { z } from "zod";
import { defineRoute } from "@/lib/api/define-route";
import { resolveTeamId } from "@/lib/api/resolve-team-id";
import { apiKeySchema, createApiKeyBody, createdApiKeySchema, toApiKey } from "@/lib/api/schemas/api-key";
import { issueApiKey, listApiKeys } from "@/lib/api-keys";

export const GET = defineRoute({
  method: "GET",
  path: "/api-keys",
  tag: "api-keys",
  summary: "List the team's API keys",
  description: "Never returns a key's secret or hash; `prefix` identifies a key.",
  permission: "admin",
  query: z.object({ teamId: z.uuid().optional().describe("The team; optional when the caller has one team") }),
  response: z.object({ data: z.array(apiKeySchema) }),
  handler: async ({ db, actor, query }) => {
    const teamId = resolveTeamId(actor, query.teamId, "admin");
    return { data: (await listApiKeys({ db, teamId })).map(toApiKey) };
  },
});

export const POST = defineRoute({
  method: "POST",
  path: "/api-keys",
  tag: "api-keys",
  summary: "Create an API key",
  description: "The response's `secret` is the only time the full key is shown; only its hash is stored.",
  permission: "admin",
  status: 201,
  body: createApiKeyBody,
  response: createdApiKeySchema,
  handler: async ({ db, actor, ip, body }) => {
    const teamId = resolveTeamId(actor, body.teamId, "admin");
    const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
    const { apiKey, secret } = await issueApiKey({
      db,
      actor,
      ip,
      teamId,
      name: body.name,
      scopes: body.scopes,
      expiresAt,
    });
    return { ...toApiKey(apiKey), secret };
  },
});
