import type { Database } from "@/db/client";
import { type ApiKeySummary, setApiKeyRevoked } from "@/db/queries/api-keys";
import { AppError } from "@/lib/platform/errors";

/**
 * Revokes a key of the team; it stops authenticating at once. Revoking a revoked key
 * changes nothing and returns it. A key of another team is "not found", never revealed.
 */
export async function revokeApiKey({
  db,
  teamId,
  id,
  now = new Date(),
}: {
  db: Database;
  teamId: string;
  id: string;
  now?: Date;
}): Promise<ApiKeySummary> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
    throw new AppError("not_found:api_key", "No such API key");
  const key = await setApiKeyRevoked({ db, teamId, id, now });
  if (!key) throw new AppError("not_found:api_key", "No such API key");
  return key;
}
