import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { logger } from "@/lib/platform/logger";
import { compareVersions } from "@/lib/reviews/compare-versions";
import type { Ecosystem, Severity } from "@/lib/reviews/types";

/** An OSV advisory's part about one package (https://ossf.github.io/osv-schema/). */
type OsvEvent = { introduced?: string; fixed?: string; last_affected?: string; limit?: string };
type OsvAffected = {
  package?: { ecosystem?: string; name?: string };
  ranges?: { type?: string; events?: OsvEvent[] }[];
  versions?: string[];
  database_specific?: { severity?: string };
};
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

/** How packages are keyed: PyPI names are case- and separator-insensitive (PEP 503). */
export function packageKey(ecosystem: Ecosystem | string, name: string): string {
  return ecosystem === "PyPI" ? `PyPI:${name.toLowerCase().replace(/[._-]+/g, "-")}` : `${ecosystem}:${name}`;
}

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

/** Whether `version` is affected: listed, or inside a SEMVER/ECOSYSTEM range; the version that fixes it. */
export function affects(affected: OsvAffected, version: string): { affected: boolean; fixed: string | null } {
  if (affected.versions?.includes(version)) return { affected: true, fixed: null };
  for (const range of affected.ranges ?? []) {
    if (range.type !== "SEMVER" && range.type !== "ECOSYSTEM") continue;
    let inside = false;
    let fixed: string | null = null;
    for (const event of range.events ?? []) {
      if (event.introduced !== undefined)
        inside = event.introduced === "0" || compareVersions(version, event.introduced) >= 0 ? true : inside;
      else if (event.fixed !== undefined) {
        if (inside && compareVersions(version, event.fixed) < 0) return { affected: true, fixed: event.fixed };
        if (compareVersions(version, event.fixed) >= 0) inside = false;
        fixed = event.fixed;
      } else if (event.last_affected !== undefined) {
        if (inside && compareVersions(version, event.last_affected) <= 0) return { affected: true, fixed };
        inside = false;
      } else if (event.limit !== undefined && compareVersions(version, event.limit) >= 0) inside = false;
    }
    if (inside) return { affected: true, fixed: null };
  }
  return { affected: false, fixed: null };
}
