import { pathToFileURL } from "node:url";
import type { Database } from "@/db/client";
import type { MigrateMessage } from "./launcher/migrate-message";

// Started by the launcher, the step reports over IPC and the launcher prints it in its
// own words (the sign-in link in its final block); run alone, it prints the link itself.
const report = (message: MigrateMessage) => process.send?.(message);

/**
 * The migrate step, run before the app starts and never inside `next build`: applies
 * pending migrations, then on a brand-new database creates the demo project and the first
 * admin (with a one-time sign-in link when no password is configured).
 */
export async function migrateAndSeed(): Promise<void> {
  const { env } = await import("@/lib/platform/env");
  const { logger } = await import("@/lib/platform/logger");
  const { openDatabase } = await import("@/db/client");
  const { embeddedDatabaseDir } = await import("@/db");
  const { migrateDatabase, withSeedLock } = await import("@/db/migrate");
  const { ensureDemoProject } = await import("@/lib/demo/ensure-demo-project");
  const { ensureAdminApiKey } = await import("@/lib/api-keys/ensure-admin-api-key");
  const { ensureFirstAdmin } = await import("@/lib/teams/ensure-first-admin");
  const { appBaseUrl } = await import("@/lib/platform/app-base-url");
  const { announceFirstAdmin } = await import("./announce-first-admin");

  const handle = env.DATABASE_URL
    ? openDatabase({ url: env.DATABASE_URL, max: 2 })
    : openDatabase({ dataDir: embeddedDatabaseDir(env.dataDir) });
  try {
    const started = performance.now();
    await migrateDatabase(handle);
    const ms = Math.round(performance.now() - started);
    logger.info({ database: handle.kind, ms }, "database migrated");
    report({ type: "database", kind: handle.kind, ms });
    // Instances starting together on a new database seed it one at a time.
    await withSeedLock(handle, async () => {
      const demo = await ensureDemoProject({ db: handle.db, dataDir: env.dataDir });
      if (demo) {
        logger.info({ projectId: demo.id, repository: demo.repository }, "demo project created");
        report({ type: "demo", repository: demo.repository });
      }
      // After the demo project, so that the default team exists: the first admin joins it.
      const admin = await ensureFirstAdmin({
        db: handle.db,
        email: env.MERGELINE_ADMIN_EMAIL,
        password: env.MERGELINE_ADMIN_PASSWORD,
      });
      if (admin && process.send) {
        const { user, oneTimeLogin } = admin;
        logger.info({ userId: user.id, email: user.email, teamId: admin.team.id }, "first admin created");
        report({
          type: "first-admin",
          email: user.email ?? "",
          link: oneTimeLogin
            ? `${appBaseUrl(env)}/signin/one-time?${new URLSearchParams({ token: oneTimeLogin.token })}`
            : null,
          expiresAt: oneTimeLogin?.expiresAt.toISOString() ?? null,
        });
      } else if (admin) announceFirstAdmin({ admin, baseUrl: appBaseUrl(env), logger });
      // The automation key (MERGELINE_ADMIN_API_KEY) also belongs to the default team.
      if (env.MERGELINE_ADMIN_API_KEY) await ensureAdminApiKey({ db: handle.db, value: env.MERGELINE_ADMIN_API_KEY });
    });
    await sweepAtStart(handle.db);
  } finally {
    await handle.close();
  }
}

/**
 * Disk that runs which ended while Mergeline was down (or before it removed workspaces)
 * still hold: their working copies, unused mirrors, expired artifacts. The hourly
 * sweep-workspaces function does the same; a failure here never stops the start.
 */
async function sweepAtStart(db: Database): Promise<void> {
  const { logger } = await import("@/lib/platform/logger");
  const { sweepWorkspaces } = await import("@/lib/workspaces/sweep-workspaces");
  const { pruneArtifacts } = await import("@/lib/validation/artifacts/prune-artifacts");
  try {
    const started = performance.now();
    const { removed, mirrors } = await sweepWorkspaces({ db });
    const artifacts = await pruneArtifacts({ db });
    logger.info(
      {
        removed: removed.length,
        mirrors: mirrors.length,
        artifacts: artifacts.length,
        ms: Math.round(performance.now() - started),
      },
      "disk swept",
    );
  } catch (error) {
    logger.warn({ err: error }, "could not sweep the data dir at start; the hourly sweep will");
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  migrateAndSeed().catch(async (error) => {
    const { env } = await import("@/lib/platform/env");
    const { describeDatabaseError } = await import("@/db/describe-database-error");
    const message =
      describeDatabaseError(error, env.DATABASE_URL) ?? (error instanceof Error ? error.message : String(error));
    process.stderr.write(`Migration failed: ${message}\n`);
    process.exit(1);
  });
}
