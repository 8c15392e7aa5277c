import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { env } from "@/lib/platform/env";
import { type DatabaseHandle, openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

/**
 * A freshly migrated PGlite's data dir, made once per version of the migrations and of
 * PGlite and kept in the temp dir: creating a PGlite (initdb) takes seconds, loading this
 * a fraction of a second, and every test file on PGlite starts from it.
 */
async function migratedPgliteDump(): Promise<Blob> {
  const migrations = path.join(import.meta.dirname, "../db/migrations");
  const hash = createHash("sha256").update(
    fs.readFileSync(path.join(import.meta.dirname, "../node_modules/@electric-sql/pglite/package.json")),
  );
  for (const name of fs.readdirSync(migrations, { recursive: true, encoding: "utf8" }).sort()) {
    const file = path.join(migrations, name);
    if (fs.statSync(file).isFile()) hash.update(name).update(fs.readFileSync(file));
  }
  const file = path.join(os.tmpdir(), `mergeline-test-pglite-${hash.digest("hex").slice(0, 16)}.tar`);
  try {
    return new Blob([fs.readFileSync(file)]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const handle = openDatabase({ memory: true });
  try {
    await migrateDatabase(handle);
    const dump = await handle.dump!();
    // Written aside and renamed: test files starting at the same moment each read a whole one.
    const partial = `${file}.${process.pid}.partial`;
    fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(partial, file);
    // Dumps of earlier migrations are of no use any more.
    for (const name of fs.readdirSync(os.tmpdir())) {
      if (name.startsWith("mergeline-test-pglite-") && name.endsWith(".tar") && name !== path.basename(file))
        fs.rmSync(path.join(os.tmpdir(), name), { force: true });
    }
    return dump;
  } finally {
    await handle.close();
  }
}

/**
 * A migrated database of its own for a test file: in-memory PGlite (a copy of
 * migratedPgliteDump), or, when DATABASE_URL is set, a new database on that server,
 * dropped again by close().
 */
export async function createTestDatabase({
  onQuery,
  vector,
}: {
  onQuery?: (query: string) => void;
  /** PGlite: load pgvector (default true); false stands for a Postgres without the extension. */
  vector?: boolean;
} = {}): Promise<DatabaseHandle> {
  if (!env.DATABASE_URL)
    return openDatabase({ memory: true, loadDataDir: await migratedPgliteDump(), onQuery, vector });
  const name = `mergeline_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(env.DATABASE_URL);
  url.pathname = `/${name}`;
  const handle = openDatabase({ url: url.toString(), max: 4, onQuery });
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
