import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accounts } from "@/db/schema";

/** Replaces the stored (sealed) access token of a linked sign-in account. */
export async function updateAccountAccessToken({
  db,
  provider,
  providerAccountId,
  accessToken,
}: {
  db: Database;
  provider: string;
  providerAccountId: string;
  accessToken: string;
}): Promise<void> {
  await db
    .update(accounts)
    .set({ access_token: accessToken })
    .where(and(eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId)));
}
