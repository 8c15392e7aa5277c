import type { Database } from "@/db/client";
import { getApiKeyById } from "@/db/queries/api-keys";
import { authorize } from "@/lib/api/authorize";
import type { ApiKeySummary } from "@/lib/api-keys";
import type { Actor, Permission } from "@/lib/auth/actor";
import { AppError } from "@/lib/platform/errors";

/** An API key the actor may act on with `permission`: 404 when unknown or another team's, 403 without the permission. */
export async function loadApiKeyFor({
  db,
  actor,
  id,
  permission,
}: {
  db: Database;
  actor: Actor;
  id: string;
  permission: Permission;
}): Promise<ApiKeySummary> {
  const apiKey = await getApiKeyById({ db, id });
  if (!apiKey) throw new AppError("not_found:api_key", "API key not found");
  authorize(actor, apiKey.teamId, permission, "api_key");
  return apiKey;
}
