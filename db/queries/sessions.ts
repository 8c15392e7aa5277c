import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { sessions } from "@/db/schema";

/** Signs the user out everywhere: every session row goes, so every cookie stops working. */
export async function deleteSessionsOfUser({ db, userId }: { db: Database; userId: string }): Promise<number> {
  const rows = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ token: sessions.sessionToken });
  return rows.length;
}
