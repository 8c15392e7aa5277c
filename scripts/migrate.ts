import { pathToFileURL } from "node:url";

/**
 * The migrate step, run before the app starts and never inside `next build`: applies
 * pending migrations, then creates the demo project on a brand-new database.
 */
export async function migrateAndSeed(): Promise<void> {
  const { env } = await import("@/lib/env");
  const { logger } = await import("@/lib/logger");
  const { openDatabase } = await import("@/db/client");
  const { embeddedDatabaseDir } = await import("@/db");
  const { migrateDatabase } = await import("@/db/migrate");
  const { ensureDemoProject } = await import("@/lib/demo/ensure-demo-project");

  const handle = env.DATABASE_URL
    ? openDatabase({ url: env.DATABASE_URL, max: 2 })
    : openDatabase({ dataDir: embeddedDatabaseDir(env.dataDir) });
  try {
    const started = performance.now();
    await migrateDatabase(handle);
    logger.info({ database: handle.kind, ms: Math.round(performance.now() - started) }, "database migrated");
    const demo = await ensureDemoProject({ db: handle.db, dataDir: env.dataDir });
    if (demo) logger.info({ projectId: demo.id, repository: demo.repository }, "demo project created");
  } finally {
    await handle.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  migrateAndSeed().catch((error) => {
    process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
