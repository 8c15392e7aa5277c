import type { Database } from "@/db/client";
import type { ApiKeyScope } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { type CreatedApiKey, createApiKey } from "./create-api-key";

/**
 * Creates a team key on someone's behalf and audits it in the same transaction, so the
 * log holds exactly the keys that exist. The audit entry never carries the secret.
 * Authorization is the caller's (route or action).
 */
export async function issueApiKey({
  db,
  actor,
  ip,
  teamId,
  name,
  scopes,
  expiresAt,
}: {
  db: Database;
  actor: Actor;
  ip: string | null;
  teamId: string;
  name: string;
  scopes: readonly ApiKeyScope[];
  expiresAt?: Date | null;
}): Promise<CreatedApiKey> {
  return db.transaction(async (tx) => {
    const created = await createApiKey({
      db: tx,
      teamId,
      name,
      scopes,
      expiresAt,
      createdBy: actor.kind === "user" ? actor.userId : null,
    });
    const { apiKey } = created;
    await recordAudit({
      db: tx,
      actor,
      ip,
      teamId,
      action: "api_key.created",
      targetType: "api_key",
      targetId: apiKey.id,
      data: {
        name: apiKey.name,
        prefix: apiKey.prefix,
        scopes: apiKey.scopes,
        expiresAt: apiKey.expiresAt?.toISOString() ?? null,
      },
    });
    return created;
  });
}
