import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { logger } from "@/lib/platform/logger";
import { packageKey } from "@/lib/reviews/package-key";
import type { OsvAffected, Severity } from "@/lib/reviews/types";

type OsvRecord = {
  id?: string;
  aliases?: string[];
  summary?: string;
  details?: string;
  withdrawn?: string;
  affected?: OsvAffected[];
  database_specific?: { severity?: string };
};

export type Advisory = {
  id: string;
  aliases: string[];
  summary: string;
  severity: Severity;
  affected: OsvAffected;
};

export type AdvisoryDatabase = { directory: string; count: number; lookup: (key: string) => Advisory[] };

const severityWords: Record<string, Severity> = {
  CRITICAL: "critical",
  HIGH: "high",
  MODERATE: "medium",
  MEDIUM: "medium",
  LOW: "low",
};

async function jsonFiles(directory: string, depth = 0): Promise<string[]> {
  if (depth > 6) return [];
  const entries = await readdir(directory, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) return jsonFiles(full, depth + 1);
      return entry.isFile() && entry.name.endsWith(".json") ? [full] : [];
    }),
  );
  return nested.flat();
}

const cache = new Map<string, { mtimeMs: number; loaded: Promise<AdvisoryDatabase> }>();

async function load(directory: string): Promise<AdvisoryDatabase> {
  const index = new Map<string, Advisory[]>();
  let count = 0;
  for (const file of await jsonFiles(directory)) {
    let record: OsvRecord;
    try {
      record = JSON.parse(await readFile(file, "utf8")) as OsvRecord;
    } catch (error) {
      logger.warn({ err: error, file }, "skipping an advisory file that is not JSON");
      continue;
    }
    if (!record.id || record.withdrawn || !Array.isArray(record.affected)) continue;
    count++;
    for (const affected of record.affected) {
      const { ecosystem, name } = affected.package ?? {};
      if (!ecosystem || !name) continue;
      const word = (affected.database_specific?.severity ?? record.database_specific?.severity ?? "").toUpperCase();
      const advisory: Advisory = {
        id: record.id,
        aliases: record.aliases ?? [],
        summary: (record.summary ?? record.details ?? record.id).slice(0, 500),
        // An advisory that does not grade itself is treated as high: it is a known vulnerability.
        severity: severityWords[word] ?? "high",
        affected,
      };
      const key = packageKey(ecosystem, name);
      index.set(key, [...(index.get(key) ?? []), advisory]);
    }
  }
  return { directory, count, lookup: (key) => index.get(key) ?? [] };
}

/**
 * The OSV advisories of a directory (MERGELINE_ADVISORY_DB: one JSON record per file, in any
 * sub-folders, as osv.dev's ecosystem exports unpack), indexed by package; read again when
 * the directory changes.
 */
export async function loadAdvisoryDatabase(directory: string): Promise<AdvisoryDatabase> {
  const { mtimeMs } = await stat(directory);
  const cached = cache.get(directory);
  if (cached && cached.mtimeMs === mtimeMs) return cached.loaded;
  const loaded = load(directory);
  cache.set(directory, { mtimeMs, loaded });
  loaded.catch(() => cache.delete(directory));
  return loaded;
}
