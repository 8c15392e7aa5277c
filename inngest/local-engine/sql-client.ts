import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { acquireDataDirLock } from "../../db/data-dir-lock";

export type SqlRow = Record<string, unknown>;

export type SqlExecutor = {
  /** One statement with $1.. parameters; JSON goes in as text and is cast ($1::text::jsonb). */
  query<T extends SqlRow = SqlRow>(text: string, params?: unknown[]): Promise<T[]>;
};

export type SqlClient = SqlExecutor & {
  kind: "pglite" | "postgres";
  /** Runs `fn` in a transaction; transactions of one client never overlap. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Several statements without parameters (the schema). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
};

export type SqlClientOptions = { url: string } | { dataDir: string } | { memory: true };

// Transactions run one at a time: the engine is one process, and serialising them keeps
// read-modify-write of a run's state free of lost updates on both drivers.
function serialized(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>) => {
    const next = tail.then(fn, fn);
    tail = next.catch(() => undefined);
    return next;
  };
}

async function openPglite(dir: string | undefined, release: () => void): Promise<SqlClient> {
  const db = new PGlite(dir);
  await db.waitReady;
  const queue = serialized();
  return {
    kind: "pglite",
    query: async <T extends SqlRow>(text: string, params?: unknown[]) => (await db.query<T>(text, params)).rows,
    transaction: (fn) =>
      queue(() =>
        db.transaction((tx) =>
          fn({
            query: async <T extends SqlRow>(text: string, params?: unknown[]) => (await tx.query<T>(text, params)).rows,
          }),
        ),
      ),
    exec: async (script) => {
      await db.exec(script);
    },
    close: async () => {
      try {
        if (!db.closed) await db.close();
      } finally {
        release();
      }
    },
  };
}

// One engine per database: a session advisory lock, held on a reserved connection for the
// engine's lifetime, refuses a second engine (two would run every job twice).
const LOCK_SQL = "select pg_try_advisory_lock(hashtext('inngest_engine')) as locked";

async function openPostgres(url: string): Promise<SqlClient> {
  const sql = postgres(url, { max: 5, onnotice: () => {} });
  const lockConnection = await sql.reserve();
  // A killed predecessor's session ends when Postgres notices its socket closed: allow a moment.
  for (let attempt = 0; ; attempt++) {
    const [row] = await lockConnection.unsafe<{ locked: boolean }[]>(LOCK_SQL);
    if (row?.locked) break;
    if (attempt >= 10) {
      lockConnection.release();
      await sql.end({ timeout: 5 });
      throw new Error("Another Inngest engine owns the inngest_engine schema of this database: stop it first.");
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const queue = serialized();
  // postgres.js types its parameters narrowly; the engine passes only strings, numbers, booleans and null.
  type Params = Parameters<typeof sql.unsafe>[1];
  return {
    kind: "postgres",
    query: async <T extends SqlRow>(text: string, params?: unknown[]) => [
      ...(await sql.unsafe<T[]>(text, params as Params)),
    ],
    transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>) =>
      queue(async () => {
        const result = await sql.begin((tx) =>
          fn({
            query: async <R extends SqlRow>(text: string, params?: unknown[]) => [
              ...(await tx.unsafe<R[]>(text, params as Params)),
            ],
          }),
        );
        return result as T;
      }),
    exec: async (script) => {
      await sql.unsafe(script);
    },
    close: async () => {
      try {
        await lockConnection.unsafe("select pg_advisory_unlock_all()");
      } finally {
        lockConnection.release();
        await sql.end({ timeout: 5 });
      }
    },
  };
}

/** Postgres at a URL, PGlite in a data dir owned by this process alone, or in memory (tests). */
export async function openSqlClient(options: SqlClientOptions): Promise<SqlClient> {
  if ("url" in options) return openPostgres(options.url);
  if ("memory" in options) return openPglite(undefined, () => {});
  const release = acquireDataDirLock(options.dataDir);
  try {
    return await openPglite(path.join(options.dataDir, "pglite"), release);
  } catch (error) {
    release();
    throw error;
  }
}
