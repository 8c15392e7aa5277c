import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { env } from "@/lib/env";
import { type DatabaseHandle, openDatabase } from "./client";
import { migrateDatabase } from "./migrate";

/**
 * A migrated database of its own for a test file: in-memory PGlite, or, when DATABASE_URL
 * is set, a new database on that server, dropped again by close().
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (!env.DATABASE_URL) {
    const handle = openDatabase({ memory: true });
    await migrateDatabase(handle);
    return handle;
  }
  const name = `mergeline_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(env.DATABASE_URL);
  url.pathname = `/${name}`;
  const handle = openDatabase({ url: url.toString(), max: 4 });
  await migrateDatabase(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
