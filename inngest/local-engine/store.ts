import { openSqlClient, type SqlClient, type SqlClientOptions } from "./sql-client";
import { createStoreQueries, type StoreQueries } from "./store-queries";
import { migrateEngineSchema } from "./store-schema";

/**
 * Where the engine keeps apps, events, runs, jobs and waits: its own PGlite in the data
 * dir, or the `inngest_engine` schema of a Postgres. Writes that belong together go in one
 * transaction, so a crash leaves either the state before a step's result or after it.
 */
export type EngineStore = StoreQueries & {
  kind: SqlClient["kind"];
  transaction<T>(fn: (tx: StoreQueries) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export async function openEngineStore(options: SqlClientOptions): Promise<EngineStore> {
  const client = await openSqlClient(options);
  try {
    await migrateEngineSchema(client);
  } catch (error) {
    await client.close();
    throw error;
  }
  return {
    ...createStoreQueries(client),
    kind: client.kind,
    transaction: (fn) => client.transaction((tx) => fn(createStoreQueries(tx))),
    close: () => client.close(),
  };
}
