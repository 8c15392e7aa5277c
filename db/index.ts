import path from "node:path";
import { env } from "@/lib/platform/env";
import { type Database, type DatabaseHandle, openDatabase } from "./client";

// One handle per process, on globalThis because the custom server and the bundled
// route handlers load separate copies of this module and PGlite allows one owner.
const key = Symbol.for("mergeline.database");
const holder = globalThis as typeof globalThis & { [key]?: DatabaseHandle };

/** Where the embedded PGlite database and its owner lock live inside the data dir. */
export const embeddedDatabaseDir = (dataDir: string) => path.join(dataDir, "db");

export function getDatabaseHandle(): DatabaseHandle {
  return (holder[key] ??= env.DATABASE_URL
    ? openDatabase({ url: env.DATABASE_URL })
    : openDatabase({ dataDir: embeddedDatabaseDir(env.dataDir) }));
}

export function getDb(): Database {
  return getDatabaseHandle().db;
}

export async function closeDb(): Promise<void> {
  const handle = holder[key];
  holder[key] = undefined;
  await handle?.close();
}

/** Makes `handle` this process's database (tests and benchmarks bring their own). */
export function setDatabaseHandle(handle: DatabaseHandle): void {
  holder[key] = handle;
}
