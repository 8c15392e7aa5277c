import { getDatabaseHandle } from "@/db";
import { vacuumTables } from "@/db/queries/vacuum-tables";
import { inngest } from "@/lib/inngest/client";

// The embedded database (PGlite) runs no autovacuum, so this does its work hourly. On
// Postgres, autovacuum already does; the function then does nothing.
export const maintainEmbeddedDatabase = inngest.createFunction(
  { id: "maintain-embedded-database", triggers: [{ cron: "23 * * * *" }], retries: 1 },
  async ({ step }) => {
    const handle = getDatabaseHandle();
    if (handle.kind !== "pglite") return { vacuumed: [] };
    const vacuumed = await step.run("vacuum-analyze", () => vacuumTables({ db: handle.db }));
    return { vacuumed };
  },
);
