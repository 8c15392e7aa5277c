import { InngestTestEngine } from "@inngest/test";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabaseHandle } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import { rowsOf } from "@/db/queries/rows-of";
import { teams } from "@/db/schema";
import { createTestDatabase } from "@/testing/database";
import { maintainEmbeddedDatabase } from "./maintain-embedded-database";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
});
afterAll(() => handle.close());

const execute = () =>
  new InngestTestEngine({
    function: maintainEmbeddedDatabase,
    events: [{ name: "inngest/scheduled.timer", data: { cron: "23 * * * *" } }],
  }).execute();

describe("maintain-embedded-database", () => {
  it("vacuums and analyzes every table of the embedded database, and leaves Postgres to autovacuum", async () => {
    await handle.db.insert(teams).values({ name: "Dead rows", slug: "dead-rows" });
    await handle.db.delete(teams);
    const { result } = await execute();
    if (handle.kind === "postgres") {
      expect(result).toEqual({ vacuumed: [] });
      return;
    }
    expect((result as { vacuumed: string[] }).vacuumed).toEqual(
      expect.arrayContaining(["runs", "projects", "teams", "validations"]),
    );
    const [stats] = rowsOf<{ vacuumed: boolean; dead: number }>(
      await handle.db.execute(
        sql`select last_vacuum is not null as vacuumed, n_dead_tup::int as dead from pg_stat_user_tables where relname = 'teams'`,
      ),
    );
    expect(stats).toEqual({ vacuumed: true, dead: 0 });
  });
});
