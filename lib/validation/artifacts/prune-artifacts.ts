import fs from "node:fs/promises";
import path from "node:path";
import type { Database } from "@/db/client";
import { getRunIdsKeepingArtifacts } from "@/db/queries/run-files";
import { env } from "@/lib/platform/env";
import { logger } from "@/lib/platform/logger";

const DAY_MS = 24 * 60 * 60_000;
// A directory written this recently is left alone, whatever the database says: a run's
// first artifact may land a moment before its row is visible to this query.
const GRACE_MS = 60 * 60_000;

/**
 * Deletes the artifacts (screenshots, logs under MERGELINE_DATA_DIR/artifacts/<run>/) of
 * runs that ended more than `retentionDays` ago, and of runs the database no longer has (a
 * deleted project). Runs still going keep theirs. 0 keeps everything. The validations
 * still list the names; their links then answer 404. Returns the run ids pruned.
 */
export async function pruneArtifacts({
  db,
  dataDir = env.dataDir,
  retentionDays = env.MERGELINE_ARTIFACT_RETENTION_DAYS,
  now = new Date(),
}: {
  db: Database;
  dataDir?: string;
  retentionDays?: number;
  now?: Date;
}): Promise<string[]> {
  if (retentionDays <= 0) return [];
  const root = path.resolve(dataDir, "artifacts");
  const names = await fs.readdir(root).catch(() => [] as string[]);
  const settled = (
    await Promise.all(
      names.map(async (name) => {
        const info = await fs.lstat(path.join(root, name)).catch(() => null);
        return info?.isDirectory() && now.getTime() - info.mtimeMs > GRACE_MS ? name : null;
      }),
    )
  ).filter((name) => name !== null);
  const kept = new Set(
    await getRunIdsKeepingArtifacts({
      db,
      runIds: settled,
      endedSince: new Date(now.getTime() - retentionDays * DAY_MS),
    }),
  );
  const pruned = settled.filter((name) => !kept.has(name.toLowerCase()));
  for (const name of pruned) await fs.rm(path.join(root, name), { recursive: true, force: true });
  if (pruned.length > 0) logger.info({ runs: pruned.length, retentionDays }, "artifacts of ended runs deleted");
  return pruned;
}
