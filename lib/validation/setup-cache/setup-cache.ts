import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { env, systemPath } from "@/lib/platform/env";
import { execFileLaunched } from "@/lib/platform/launcher/exec-file-launched";
import { logger } from "@/lib/platform/logger";
import { withKeyedLock } from "@/lib/platform/keyed-lock";
import { copyPaths } from "@/lib/validation/setup-cache/copy-paths";
import { movePaths } from "@/lib/validation/setup-cache/move-paths";

export type SetupCacheManifest = {
  key: string;
  /** Relative paths in the workspace the setup produced, each a file, symlink or directory. */
  paths: string[];
  /** Disk usage of the entry. */
  bytes: number;
  createdAt: string;
  /** What the key was made of, for people reading the cache directory. */
  about?: Record<string, unknown>;
};

export type SaveOutcome = "saved" | "exists" | "too-large";

// Scratch copies older than this belong to a process that died while saving.
const STALE_TMP_MS = 6 * 60 * 60_000;

async function diskUsage(dir: string): Promise<number> {
  // From the launcher: a spawn from this process stalls it (exec-file-launched.ts).
  const { stdout } = await execFileLaunched("du", ["-s", "-B1", dir], {
    cwd: "/",
    env: { NODE_ENV: env.NODE_ENV, PATH: systemPath, LANG: "C" },
  });
  return Number(stdout.split("\t")[0]);
}

const isValidKey = (key: string) => /^[0-9a-f]{16,64}$/.test(key);

/**
 * What setup commands installed in a workspace, kept on disk by key. Layout under `dir`:
 * `entries/<key>/{manifest.json,tree/,spares/}` (the manifest's mtime is the entry's last
 * use), `tmp/` for copies being written, `trash/` for entries being deleted.
 *
 * Restoring copies the tree into the workspace (a copy per file: seconds for a large
 * node_modules). To make that constant time, each entry keeps a spare copy, made in the
 * background after a save or a restore; a restore takes it whole by rename when the
 * workspace is on the same filesystem, and falls back to copying. Spares count towards
 * the size bound.
 *
 * Safe across processes without locks: an entry appears by an atomic rename of a complete
 * copy (of two processes saving one key, one rename wins and the other copy is dropped),
 * and disappears by a rename into trash before it is deleted. A restore that loses its
 * entry to eviction midway fails, cleans up what it copied and is reported as a miss.
 */
export class SetupCache {
  readonly dir: string;
  readonly maxBytes: number;

  readonly spares: number;
  private readonly replenishing = new Map<string, Promise<void>>();

  constructor({ dir, maxBytes, spares = 1 }: { dir: string; maxBytes: number; spares?: 0 | 1 }) {
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.spares = spares;
  }

  private entryDir(key: string): string {
    if (!isValidKey(key)) throw new TypeError(`setup cache: invalid key ${key}`);
    return path.join(this.dir, "entries", key);
  }

  /** The entry's manifest, or null when there is none (or it is unreadable). */
  async read(key: string): Promise<SetupCacheManifest | null> {
    const text = await fs.readFile(path.join(this.entryDir(key), "manifest.json"), "utf8").catch(() => null);
    if (text === null) return null;
    try {
      return JSON.parse(text) as SetupCacheManifest;
    } catch {
      return null;
    }
  }

  /**
   * Puts the entry's paths into the workspace (its spare moved in, or a copy) and marks it
   * used. Null on a miss: no entry, or it could not be restored whole (then nothing of it
   * is left in the workspace).
   */
  async restore({ key, workspace }: { key: string; workspace: string }): Promise<SetupCacheManifest | null> {
    const manifest = await this.read(key);
    if (!manifest) return null;
    try {
      if (!(await this.takeSpare(key, manifest, workspace))) {
        await copyPaths({ from: path.join(this.entryDir(key), "tree"), to: workspace, paths: manifest.paths });
      }
    } catch (error) {
      logger.warn({ err: error, key }, "setup cache: restore failed; running setup instead");
      return null;
    }
    const now = new Date();
    await fs.utimes(path.join(this.entryDir(key), "manifest.json"), now, now).catch(() => undefined);
    this.replenish(key);
    return manifest;
  }

  // Claims a spare by renaming it away (two restores never get the same one), then moves
  // its paths into the workspace. False when there is none or it cannot be moved.
  private async takeSpare(key: string, manifest: SetupCacheManifest, workspace: string): Promise<boolean> {
    const sparesDir = path.join(this.entryDir(key), "spares");
    const names = await fs.readdir(sparesDir).catch(() => [] as string[]);
    if (names.length > 0) await fs.mkdir(path.join(this.dir, "tmp"), { recursive: true });
    for (const name of names) {
      const claimed = path.join(this.dir, "tmp", `claim-${randomBytes(6).toString("hex")}`);
      try {
        await fs.rename(path.join(sparesDir, name), claimed);
      } catch {
        continue;
      }
      try {
        await movePaths({ from: claimed, to: workspace, paths: manifest.paths });
        return true;
      } catch (error) {
        logger.debug({ err: error, key }, "setup cache: could not move the spare; copying");
        return false;
      } finally {
        await fs.rm(claimed, { recursive: true, force: true });
      }
    }
    return false;
  }

  // Makes a spare copy in the background when the entry has none. Made beside the entry and
  // renamed into its spares/, which exists only while the entry does: a spare finished
  // after the entry was evicted fails to land instead of leaving an orphan behind.
  private replenish(key: string): void {
    if (this.spares === 0 || this.replenishing.has(key)) return;
    const task = (async () => {
      const manifest = await this.read(key);
      const sparesDir = path.join(this.entryDir(key), "spares");
      if (!manifest || manifest.bytes * 2 > this.maxBytes) return;
      if ((await fs.readdir(sparesDir).catch(() => ["missing"])).length >= this.spares) return;
      const name = randomBytes(6).toString("hex");
      const building = path.join(this.dir, "tmp", `spare-${name}`);
      await fs.mkdir(building, { recursive: true });
      try {
        await copyPaths({
          from: path.join(this.entryDir(key), "tree"),
          to: building,
          paths: manifest.paths,
          background: true,
        });
        await fs.rename(building, path.join(sparesDir, name));
      } finally {
        await fs.rm(building, { recursive: true, force: true });
      }
      await this.evict();
    })()
      .catch((error: unknown) => logger.debug({ err: error, key }, "setup cache: no spare copy made"))
      .finally(() => this.replenishing.delete(key));
    this.replenishing.set(key, task);
  }

  /** Resolves when the background work this instance started has finished. */
  async idle(): Promise<void> {
    while (this.replenishing.size > 0) await Promise.all(this.replenishing.values());
  }

  /**
   * Copies `paths` of the workspace into a new entry under `key`, then evicts the least
   * recently used entries past the size bound. An entry larger than the bound is not kept.
   */
  async save({
    key,
    workspace,
    paths,
    about,
  }: {
    key: string;
    workspace: string;
    paths: string[];
    about?: Record<string, unknown>;
  }): Promise<SaveOutcome> {
    const target = this.entryDir(key);
    if (await this.read(key)) return "exists";
    const building = path.join(this.dir, "tmp", `${key}-${randomBytes(6).toString("hex")}`);
    await fs.mkdir(path.join(building, "tree"), { recursive: true });
    await fs.mkdir(path.join(building, "spares"));
    try {
      await copyPaths({ from: workspace, to: path.join(building, "tree"), paths });
      const bytes = await diskUsage(building);
      if (bytes > this.maxBytes) return "too-large";
      const manifest: SetupCacheManifest = { key, paths, bytes, createdAt: new Date().toISOString(), about };
      await fs.writeFile(path.join(building, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
      await fs.mkdir(path.dirname(target), { recursive: true });
      try {
        await fs.rename(building, target);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // Another run saved the same key first; its copy is as good as ours.
        if (code === "ENOTEMPTY" || code === "EEXIST") return "exists";
        throw error;
      }
    } finally {
      await fs.rm(building, { recursive: true, force: true });
    }
    await this.evict();
    this.replenish(key);
    return "saved";
  }

  /** Every entry with its size (spares included) and last use, least recently used first. */
  async list(): Promise<{ key: string; bytes: number; lastUsed: number }[]> {
    const names = await fs.readdir(path.join(this.dir, "entries")).catch(() => [] as string[]);
    const entries = await Promise.all(
      names.filter(isValidKey).map(async (key) => {
        const file = path.join(this.dir, "entries", key, "manifest.json");
        const [info, manifest, spares] = await Promise.all([
          fs.stat(file).catch(() => null),
          this.read(key),
          fs.readdir(path.join(this.dir, "entries", key, "spares")).catch(() => [] as string[]),
        ]);
        return info && manifest ? { key, bytes: manifest.bytes * (1 + spares.length), lastUsed: info.mtimeMs } : null;
      }),
    );
    return entries
      .filter((entry) => entry !== null)
      .sort((a, b) => a.lastUsed - b.lastUsed || a.key.localeCompare(b.key));
  }

  /** Deletes least recently used entries until the total fits the bound; returns their keys. */
  evict(): Promise<string[]> {
    // One eviction at a time in this process; across processes the renames keep it safe.
    return withKeyedLock(`setup-cache:${this.dir}`, async () => {
      const entries = await this.list();
      let total = entries.reduce((sum, entry) => sum + entry.bytes, 0);
      const evicted: string[] = [];
      for (const entry of entries) {
        if (total <= this.maxBytes) break;
        if (await this.remove(entry.key)) evicted.push(entry.key);
        total -= entry.bytes;
      }
      await this.sweep();
      if (evicted.length > 0)
        logger.info({ evicted, bytes: total }, "setup cache: evicted least recently used entries");
      return evicted;
    });
  }

  /** Deletes one entry; false when it was already gone. */
  async remove(key: string): Promise<boolean> {
    const trash = path.join(this.dir, "trash", `${key}-${randomBytes(6).toString("hex")}`);
    await fs.mkdir(path.dirname(trash), { recursive: true });
    try {
      await fs.rename(this.entryDir(key), trash);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
      throw error;
    }
    await fs.rm(trash, { recursive: true, force: true });
    return true;
  }

  // Leftovers of processes that died while saving or deleting.
  private async sweep(): Promise<void> {
    const now = Date.now();
    for (const [sub, minAgeMs] of [
      ["trash", 0],
      ["tmp", STALE_TMP_MS],
    ] as const) {
      const names = await fs
        .readdir(/*turbopackIgnore: true*/ path.join(/*turbopackIgnore: true*/ this.dir, sub))
        .catch(() => [] as string[]);
      for (const name of names) {
        const dir = path.join(/*turbopackIgnore: true*/ this.dir, sub, name);
        const info = await fs.stat(/*turbopackIgnore: true*/ dir).catch(() => null);
        if (info && now - info.mtimeMs >= minAgeMs)
          await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
      }
    }
  }
}
