import path from "node:path";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { vector } from "@electric-sql/pglite-pgvector";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { acquireDataDirLock } from "./data-dir-lock";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type DatabaseHandle = {
  db: Database;
  kind: "postgres" | "pglite";
  close: () => Promise<void>;
  /** The connection URL, for Postgres handles. */
  url?: string;
  /** In-memory PGlite: its data dir as a tarball, to open copies of it (tests). */
  dump?: () => Promise<Blob>;
  /**
   * Postgres only: LISTEN on a connection of its own, reconnected when lost; `onListen` runs
   * on every (re)connect, so the caller can catch up on what it missed meanwhile.
   */
  listen?: (channel: string, onNotify: (payload: string) => void, onListen: () => void) => Promise<Listening>;
};
export type Listening = { unlisten: () => Promise<void> };

export type OpenDatabaseOptions = (
  | { url: string; max?: number }
  | { dataDir: string }
  // In-memory PGlite, empty or loaded from a dump (PGlite's dumpDataDir): for tests only.
  | { memory: true; loadDataDir?: Blob }
) & {
  /** Told of every statement drizzle sends (benchmarks count them). */
  onQuery?: (query: string) => void;
  /**
   * PGlite only: load pgvector (default true). Tests turn it off to run as a Postgres
   * without the extension does; a data dir that created the extension needs it loaded.
   */
  vector?: boolean;
};

// PGlite loads extensions only when asked at start: pg_trgm for the code index's trigram
// indexes (created by a migration), pgvector for its embeddings (created at start when
// embeddings are configured, lib/code-index/vector-support.ts).
const pgliteExtensions = (options: OpenDatabaseOptions): PGliteOptions["extensions"] =>
  options.vector === false ? { pg_trgm } : { pg_trgm, vector };

const casing = "snake_case" as const;

const queryLogger = (onQuery: ((query: string) => void) | undefined) =>
  onQuery ? { logger: { logQuery: (query: string) => onQuery(query) } } : {};

/** Postgres when a URL is given, otherwise PGlite owned exclusively by this process. */
export function openDatabase(options: OpenDatabaseOptions): DatabaseHandle {
  if ("url" in options) {
    const client = postgres(options.url, { max: options.max ?? 10, onnotice: () => {} });
    const db = drizzlePostgres({ client, schema, casing, ...queryLogger(options.onQuery) }) as unknown as Database;
    const listen = async (channel: string, onNotify: (payload: string) => void, onListen: () => void) => {
      const { unlisten } = await client.listen(channel, onNotify, onListen);
      return { unlisten };
    };
    return { db, kind: "postgres", url: options.url, listen, close: () => client.end({ timeout: 5 }) };
  }
  if ("memory" in options) {
    const client = new PGlite({
      extensions: pgliteExtensions(options),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
    const db = drizzlePglite({ client, schema, casing, ...queryLogger(options.onQuery) }) as unknown as Database;
    return { db, kind: "pglite", close: () => client.close(), dump: () => client.dumpDataDir("none") };
  }
  const release = acquireDataDirLock(options.dataDir);
  try {
    const client = new PGlite(path.join(options.dataDir, "pglite"), { extensions: pgliteExtensions(options) });
    const db = drizzlePglite({ client, schema, casing, ...queryLogger(options.onQuery) }) as unknown as Database;
    const close = async () => {
      try {
        if (!client.closed) await client.close();
      } finally {
        release();
      }
    };
    return { db, kind: "pglite", close };
  } catch (error) {
    release();
    throw error;
  }
}
