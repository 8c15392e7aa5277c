import { inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { projects } from "@/db/schema";
import { type Actor, can } from "@/lib/auth/actor";

/**
 * Which of `ids` the actor may read, in one query (a dashboard asks for one realtime
 * token naming every pinned project at once).
 */
export async function readableProjectIds({
  db,
  actor,
  ids,
}: {
  db: Database;
  actor: Actor;
  ids: string[];
}): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: projects.id, teamId: projects.teamId, provider: projects.provider, repository: projects.repository })
    .from(projects)
    .where(inArray(projects.id, ids));
  return new Set(rows.filter((row) => can(actor, row, "read")).map((row) => row.id));
}
