import { and, exists, gte, inArray, isNull, notInArray, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { previews, runs } from "@/db/schema";
import { LIVE_PREVIEW_STATUSES } from "./previews";
import { isUuid } from "@/lib/platform/uuid";

// What the sweeps of per-run files on disk (workspaces, preview copies, artifacts; see
// lib/workspaces/sweep-workspaces.ts) ask about the runs those files are named after.

const ENDED = ["merged", "failed", "cancelled", "needs_human"] as const;
// Bounds the statement's parameters however many directories a sweep finds.
const CHUNK = 500;

async function inChunks(ids: string[], query: (chunk: string[]) => Promise<{ id: string }[]>): Promise<string[]> {
  // Only ids that can be run ids reach the uuid column (Postgres rejects the rest).
  const candidates = [...new Set(ids.filter((id) => isUuid(id)).map((id) => id.toLowerCase()))];
  const found: string[] = [];
  for (let i = 0; i < candidates.length; i += CHUNK)
    found.push(...(await query(candidates.slice(i, i + CHUNK))).map((row) => row.id));
  return found;
}

/**
 * Of `runIds`, the runs whose working copies may still be in use: runs that have not
 * ended, and ended runs with a preview that may still be serving (the reaper stops those
 * within a minute). Ids of runs that do not exist are never returned.
 */
export async function getRunIdsInUse({ db, runIds }: { db: Database; runIds: string[] }): Promise<string[]> {
  return inChunks(runIds, (chunk) =>
    db
      .select({ id: runs.id })
      .from(runs)
      .where(
        and(
          inArray(runs.id, chunk),
          or(
            notInArray(runs.state, [...ENDED]),
            exists(
              db
                .select({ one: sql`1` })
                .from(previews)
                .where(and(sql`${previews.runId} = ${runs.id}`, inArray(previews.status, [...LIVE_PREVIEW_STATUSES]))),
            ),
          ),
        ),
      ),
  );
}

/**
 * Of `runIds`, the runs whose artifacts are kept: runs that have not ended, and runs that
 * ended at or after `endedSince` (a terminal state is never left, so entering it is when the
 * run ended). Ids of runs that do not exist are never returned.
 */
export async function getRunIdsKeepingArtifacts({
  db,
  runIds,
  endedSince,
}: {
  db: Database;
  runIds: string[];
  endedSince: Date;
}): Promise<string[]> {
  return inChunks(runIds, (chunk) =>
    db
      .select({ id: runs.id })
      .from(runs)
      .where(
        and(
          inArray(runs.id, chunk),
          or(
            notInArray(runs.state, [...ENDED]),
            gte(runs.stateChangedAt, endedSince),
            and(isNull(runs.stateChangedAt), gte(runs.updatedAt, endedSince)),
          ),
        ),
      ),
  );
}
