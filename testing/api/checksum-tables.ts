import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { rowsOf } from "@/db/queries/rows-of";

// Bookkeeping that a refused request writes by design, so it is left out: the write rate
// limit counts every attempt (refused ones too, or it would not limit anything), and
// authenticating stamps a key's last use.
const skippedTables = new Set(["rate_limits"]);
const skippedColumns = ["last_used_at"];

/**
 * Every table of the app's schema as "<rows>:<md5 of its rows>", to prove that a request
 * changed nothing anywhere, including tables added after this was written.
 */
export async function checksumTables(db: Database): Promise<Record<string, string>> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE'
      order by table_name
    `),
  ).filter((table) => !skippedTables.has(table.name));
  const drop = skippedColumns.map((column) => ` - '${column}'`).join("");
  const parts = tables.map(({ name }) => {
    const table = `"${name.replaceAll('"', '""')}"`;
    return `select '${name.replaceAll("'", "''")}' as name, count(*)::text || ':' || coalesce(md5(string_agg(r, '|' order by r)), '') as sum
      from (select (to_jsonb(t)${drop})::text as r from ${table} t) rows_of_table`;
  });
  const sums = rowsOf<{ name: string; sum: string }>(await db.execute(sql.raw(parts.join("\nunion all\n"))));
  return Object.fromEntries(sums.map((row) => [row.name, row.sum]));
}
