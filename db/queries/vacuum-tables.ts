import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { rowsOf } from "@/db/queries/rows-of";

/**
 * VACUUM (ANALYZE) each table of the public schema, one statement per table so other
 * queries run in between. PGlite has no autovacuum: without this its tables keep dead
 * rows, index-only scans fall back to the heap and the planner's statistics go stale.
 * Returns the tables vacuumed.
 */
export async function vacuumTables({ db }: { db: Database }): Promise<string[]> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`),
  ).map((row) => row.name);
  for (const table of tables) await db.execute(sql`vacuum (analyze) ${sql.identifier(table)}`);
  return tables;
}
