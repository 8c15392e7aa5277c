import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { DatabaseHandle } from "./client";

export const migrationsFolder = path.resolve(import.meta.dirname, "migrations");

// Arbitrary constants: the advisory locks that keep two instances from migrating, or from
// seeding a new database (demo project, first admin), at once.
const MIGRATION_LOCK = 734_210_551;
const SEED_LOCK = 734_210_552;

/** Applies db/migrations that are not applied yet; the same files on PGlite and Postgres. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  // One dedicated connection, so the advisory lock and its release happen on the same session.
  // A server that does not answer fails the start in 10 s, not postgres.js's default 30.
  const client = postgres(handle.url!, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  const db = drizzle({ client });
  try {
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK})`);
    await migratePostgres(db, { migrationsFolder });
    await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK})`);
  } finally {
    await client.end({ timeout: 5 });
  }
}

/**
 * Runs `work` while this process holds the seed lock (Postgres: an advisory lock on a
 * connection of its own), so that app instances starting together on a new database do not
 * both create the default team, the demo project or the first admin: the second waits, then
 * finds them made. On PGlite one process owns the database and `work` just runs.
 */
export async function withSeedLock<T>(handle: DatabaseHandle, work: () => Promise<T>): Promise<T> {
  if (handle.kind === "pglite") return work();
  const client = postgres(handle.url!, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${SEED_LOCK})`;
    try {
      return await work();
    } finally {
      await client`select pg_advisory_unlock(${SEED_LOCK})`;
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}
