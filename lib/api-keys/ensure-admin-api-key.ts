import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type ApiKeySummary, getApiKeyByHash, insertApiKey, revokeOtherApiKeysNamed } from "@/db/queries/api-keys";
import { getFirstTeam } from "@/db/queries/teams";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { apiKeyTokenPrefix, hashApiKeyToken } from "./token";

/** The name that marks the key made from MERGELINE_ADMIN_API_KEY. */
export const ADMIN_API_KEY_NAME = "MERGELINE_ADMIN_API_KEY";

export type EnsuredAdminApiKey = { apiKey: ApiKeySummary; created: boolean };

/**
 * Makes MERGELINE_ADMIN_API_KEY an admin key of the default (first) team; run at start-up,
 * idempotent. A key made from an earlier value of the variable is revoked, so changing the
 * value rotates the key. A key a person revoked stays revoked: revocation is a deliberate
 * security decision, and the fix is a new value, so this only warns.
 */
export async function ensureAdminApiKey({
  db,
  value,
  now = new Date(),
}: {
  db: Database;
  value: string;
  now?: Date;
}): Promise<EnsuredAdminApiKey | null> {
  if (value.length < 24 || value.length > 512)
    throw new AppError("bad_request:admin_api_key", "MERGELINE_ADMIN_API_KEY must be 24 to 512 characters");
  const keyHash = hashApiKeyToken(value);
  return db.transaction(async (tx) => {
    // Several instances may start together on one Postgres; one of them creates the key.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('mergeline:admin-api-key'))`);
    const team = await getFirstTeam({ db: tx });
    if (!team) {
      logger.warn("MERGELINE_ADMIN_API_KEY is set but no team exists yet; the key was not created");
      return null;
    }
    const existing = await getApiKeyByHash({ db: tx, keyHash });
    if (existing) {
      const { keyHash: _hash, ...apiKey } = existing;
      if (existing.revokedAt) {
        logger.warn(
          { apiKeyId: existing.id },
          "MERGELINE_ADMIN_API_KEY is a revoked key and stays revoked; set a new value",
        );
      } else {
        await revokeEarlierAdminKeys({ db: tx, teamId: existing.teamId, keyHash, now });
      }
      return { apiKey, created: false };
    }
    const apiKey = await insertApiKey({
      db: tx,
      values: {
        teamId: team.id,
        name: ADMIN_API_KEY_NAME,
        scopes: ["admin"],
        prefix: apiKeyTokenPrefix(value) ?? "env",
        keyHash,
        createdBy: null,
      },
    });
    await recordAudit({
      db: tx,
      actor: { kind: "system" },
      teamId: team.id,
      action: "api_key.created",
      targetType: "api_key",
      targetId: apiKey.id,
      data: { name: apiKey.name, scopes: apiKey.scopes, source: "environment" },
      ip: null,
    });
    await revokeEarlierAdminKeys({ db: tx, teamId: team.id, keyHash, now });
    logger.info({ apiKeyId: apiKey.id, teamId: team.id }, "admin API key from MERGELINE_ADMIN_API_KEY created");
    return { apiKey, created: true };
  });
}

async function revokeEarlierAdminKeys({
  db,
  teamId,
  keyHash,
  now,
}: {
  db: Database;
  teamId: string;
  keyHash: string;
  now: Date;
}): Promise<void> {
  const revoked = await revokeOtherApiKeysNamed({ db, teamId, name: ADMIN_API_KEY_NAME, keepHash: keyHash, now });
  if (revoked === 0) return;
  await recordAudit({
    db,
    actor: { kind: "system" },
    teamId,
    action: "api_key.revoked",
    targetType: "api_key",
    targetId: null,
    data: { name: ADMIN_API_KEY_NAME, count: revoked, reason: "MERGELINE_ADMIN_API_KEY changed" },
    ip: null,
  });
  logger.info({ teamId, revoked }, "API key from an earlier MERGELINE_ADMIN_API_KEY revoked");
}
