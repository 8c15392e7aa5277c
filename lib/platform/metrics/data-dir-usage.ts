import { execFile } from "node:child_process";
import { statfs } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/platform/env";
import { logger } from "@/lib/platform/logger";

// What the data dir's growing areas take on disk, for /api/metrics. Measured with `du` (one
// process per area, in C, off the app's event loop: a walk in Node of a 100,000-file
// node_modules would load the server for seconds) and cached for a short while, so a
// Prometheus scraping every 15 s costs one measurement per CACHE_MS however often it asks.
// A scrape never waits for a measurement once there is one: it gets the last values and
// starts the next.

/** Label value of each area, and its directory under MERGELINE_DATA_DIR. */
const AREAS = {
  workspaces: "workspaces",
  previews: "previews",
  mirrors: "mirrors",
  setup_cache: "setup-cache",
  artifacts: "artifacts",
  trash: "trash",
} as const;
export type DataDirArea = keyof typeof AREAS;
export type DataDirUsage = { bytes: Record<DataDirArea, number>; freeBytes: number; measuredAt: number };

const CACHE_MS = 30_000;
const DU_TIMEOUT_MS = 60_000;

function du(dir: string): Promise<number> {
  return new Promise((resolve) => {
    // -s: one total; -k: KiB, POSIX (GNU and BSD du alike). Blocks allocated, not apparent
    // sizes: what fills the disk. A missing directory is 0.
    execFile("du", ["-sk", dir], { timeout: DU_TIMEOUT_MS }, (error, stdout) => {
      const kib = Number(/^(\d+)/.exec(stdout)?.[1]);
      if (Number.isFinite(kib)) resolve(kib * 1024);
      else {
        if (error && !/No such file/.test(String(error))) logger.debug({ err: error, dir }, "metrics: du failed");
        resolve(0);
      }
    });
  });
}

async function measure(dataDir: string): Promise<DataDirUsage> {
  const areas = Object.entries(AREAS) as [DataDirArea, string][];
  const sizes = await Promise.all(areas.map(([, dir]) => du(path.join(dataDir, dir))));
  const free = await statfs(dataDir).then(
    (stats) => stats.bavail * stats.bsize,
    () => 0,
  );
  return {
    bytes: Object.fromEntries(areas.map(([area], i) => [area, sizes[i] ?? 0])) as Record<DataDirArea, number>,
    freeBytes: free,
    measuredAt: Date.now(),
  };
}

const cache = new Map<string, { usage?: DataDirUsage; pending?: Promise<DataDirUsage> }>();

/** Bytes used under the data dir by area, and free on its filesystem; at most CACHE_MS old once warm. */
export async function dataDirUsage(dataDir = env.dataDir): Promise<DataDirUsage> {
  const entry = cache.get(dataDir) ?? {};
  cache.set(dataDir, entry);
  const fresh = entry.usage && Date.now() - entry.usage.measuredAt < CACHE_MS;
  if (!fresh && !entry.pending) {
    entry.pending = measure(dataDir).finally(() => {
      entry.pending = undefined;
    });
    entry.pending.then(
      (usage) => {
        entry.usage = usage;
      },
      () => undefined,
    );
  }
  return entry.usage ?? (await entry.pending!);
}
