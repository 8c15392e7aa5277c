import type { Database } from "@/db/client";
import { type ApiKeySummary, listApiKeysByTeam } from "@/db/queries/api-keys";

/** The team's keys, oldest first, revoked ones included (marked by revokedAt); never a hash or secret. */
export async function listApiKeys({ db, teamId }: { db: Database; teamId: string }): Promise<ApiKeySummary[]> {
  return listApiKeysByTeam({ db, teamId });
}
