// DELETE /api/v1/api-keys/{id}: revoke an API key (it stops working at once; audited); admin; another team's key is 404
import { defineRoute } from "@/lib/api/define-route";
import { loadApiKeyFor } from "@/lib/api/load-api-key-for";
import { apiKeySchema, toApiKey } from "@/lib/api/schemas/api-key";
import { idParams } from "@/lib/api/schemas/common";
import { withdrawApiKey } from "@/lib/api-keys";

export const DELETE = defineRoute({
  method: "DELETE",
  path: "/api-keys/{id}",
  tag: "api-keys",
  summary: "Revoke an API key",
  description: "Revoking a revoked key changes nothing and returns it.",
  permission: "admin",
  params: idParams,
  response: apiKeySchema,
  handler: async ({ db, actor, ip, params }) => {
    const apiKey = await loadApiKeyFor({ db, actor, id: params.id, permission: "admin" });
    return toApiKey(await withdrawApiKey({ db, actor, ip, teamId: apiKey.teamId, id: apiKey.id }));
  },
});
