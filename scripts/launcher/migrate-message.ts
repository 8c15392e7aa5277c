/**
 * What the migrate step (scripts/migrate.ts) tells the launcher over its IPC channel, for
 * the start-up's own lines; run alone (`npm run db:migrate`), it prints them itself.
 */
export type MigrateMessage =
  | { type: "database"; kind: "pglite" | "postgres"; ms: number }
  | { type: "demo"; repository: string }
  | { type: "first-admin"; email: string; link: string | null; expiresAt: string | null };
