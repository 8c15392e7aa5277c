import path from "node:path";
import { defineConfig } from "vitest/config";
import { SlowFilesFirst } from "./testing/vitest/slow-files-first.ts";

// Two projects: "unit" (no database) and "db" (*.db.test.ts: PGlite by default, the
// Postgres of DATABASE_URL when it is set). e2e/*.spec.ts belongs to Playwright.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    // Many tests drive real processes (engine, git, sandbox); CI shares 2 cores among them.
    testTimeout: 60_000,
    // Starting a harness (engine, app, database) takes seconds alone, much longer beside two other files.
    hookTimeout: 120_000,
    // Vitest runs one worker fewer than the cores by default: one on 2 cores. The files spend most of
    // their time waiting on the processes they drive, so three at once keep 2 cores busy and
    // cut the suite's wall time; each file has its own database, data dir and ports.
    // `--maxWorkers=1` runs them one at a time (when a file's timing is being looked at).
    maxWorkers: 3,
    sequence: { sequencer: SlowFilesFirst },
    env: { LOG_LEVEL: "silent", NODE_ENV: "test" },
    // next-auth imports "next/server" without an extension, which Node's ESM loader refuses
    // (next has no exports map); Vite's resolver, used for inlined packages, finds it.
    server: { deps: { inline: ["next-auth"] } },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["**/*.test.ts"],
          exclude: ["**/*.db.test.ts", "e2e/**", "node_modules/**", ".next/**", ".data/**"],
        },
      },
      {
        extends: true,
        test: { name: "db", include: ["**/*.db.test.ts"], exclude: ["node_modules/**", ".next/**", ".data/**"] },
      },
    ],
  },
});
