import type { Database } from "@/db/client";
import type { ApiKeySummary } from "@/db/queries/api-keys";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { revokeApiKey } from "./revoke-api-key";

/**
 * Revokes a team key on someone's behalf and audits it in the same transaction. Revoking
 * an already revoked key is not audited again: nothing changed. Another team's key is
 * not_found:api_key (revokeApiKey). Authorization is the caller's.
 */
export async function withdrawApiKey({
  db,
  actor,
  ip,
  teamId,
  id,
}: {
  db: Database;
  actor: Actor;
  ip: string | null;
  teamId: string;
  id: string;
}): Promise<ApiKeySummary> {
  const now = new Date();
  return db.transaction(async (tx) => {
    const apiKey = await revokeApiKey({ db: tx, teamId, id, now });
    if (apiKey.revokedAt?.getTime() === now.getTime()) {
      await recordAudit({
        db: tx,
        actor,
        ip,
        teamId,
        action: "api_key.revoked",
        targetType: "api_key",
        targetId: apiKey.id,
        data: { name: apiKey.name, prefix: apiKey.prefix },
      });
    }
    return apiKey;
  });
}
