import { pathToFileURL } from "node:url";

/**
 * The migrate step, run before the app starts and never inside `next build`: applies
 * pending migrations, then on a brand-new database creates the demo project and the first
 * admin (printing their one-time sign-in link when no password is configured).
 */
export async function migrateAndSeed(): Promise<void> {
  const { env } = await import("@/lib/platform/env");
  const { logger } = await import("@/lib/platform/logger");
  const { openDatabase } = await import("@/db/client");
  const { embeddedDatabaseDir } = await import("@/db");
  const { migrateDatabase } = await import("@/db/migrate");
  const { ensureDemoProject } = await import("@/lib/demo/ensure-demo-project");
  const { ensureAdminApiKey } = await import("@/lib/api-keys/ensure-admin-api-key");
  const { ensureFirstAdmin } = await import("@/lib/teams/ensure-first-admin");
  const { announceFirstAdmin, appBaseUrl } = await import("./announce-first-admin");

  const handle = env.DATABASE_URL
    ? openDatabase({ url: env.DATABASE_URL, max: 2 })
    : openDatabase({ dataDir: embeddedDatabaseDir(env.dataDir) });
  try {
    const started = performance.now();
    await migrateDatabase(handle);
    logger.info({ database: handle.kind, ms: Math.round(performance.now() - started) }, "database migrated");
    const demo = await ensureDemoProject({ db: handle.db, dataDir: env.dataDir });
    if (demo) logger.info({ projectId: demo.id, repository: demo.repository }, "demo project created");
    // After the demo project, so that the default team exists: the first admin joins it.
    const admin = await ensureFirstAdmin({
      db: handle.db,
      email: env.MERGELINE_ADMIN_EMAIL,
      password: env.MERGELINE_ADMIN_PASSWORD,
    });
    if (admin) announceFirstAdmin({ admin, baseUrl: appBaseUrl(env), logger });
    // The automation key (MERGELINE_ADMIN_API_KEY) also belongs to the default team.
    if (env.MERGELINE_ADMIN_API_KEY) await ensureAdminApiKey({ db: handle.db, value: env.MERGELINE_ADMIN_API_KEY });
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
