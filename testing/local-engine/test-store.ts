import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { readEngineConfig } from "@/inngest/local-engine/config";
import { type EngineStore, openEngineStore } from "@/inngest/local-engine/store";

export type TestDatabase = {
  /** A Postgres URL of a database of its own, or undefined on PGlite. */
  url: string | undefined;
  openStore(): Promise<EngineStore>;
  drop(): Promise<void>;
};

/**
 * The database for an engine test file: in-memory PGlite, or, when DATABASE_URL is set
 * (npm run test:db on Postgres), a new database on that server, dropped by drop().
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  // Only the database setting matters here: an open engine needs no keys.
  const serverUrl = readEngineConfig({ DATABASE_URL: process.env.DATABASE_URL, INNGEST_DEV: "1" }).databaseUrl;
  if (!serverUrl) return { url: undefined, openStore: () => openEngineStore({ memory: true }), drop: async () => {} };
  const name = `inngest_engine_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    openStore: () => openEngineStore({ url: url.toString() }),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
