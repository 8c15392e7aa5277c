import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedDatabaseDir } from "@/db";
import { type DatabaseHandle, openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { createTeam } from "@/db/queries/teams";
import { createTestDatabase } from "@/testing/database";
import { ensureFirstAdmin } from "@/lib/teams/ensure-first-admin";
import { confirmOneTimeLogin } from "@/lib/auth/confirm-one-time-login";
import { env } from "@/lib/platform/env";

// `npm run auth:sign-in-link` end to end: the real script in its own process. Mergeline
// stopped: it writes the link into the data dir's PGlite (closed first: one owner at a
// time) or the test database on Postgres. Mergeline running: it asks the app, through the
// operator socket, and prints the app's own address.
const root = path.resolve(import.meta.dirname, "..");
let dataDir: string;
let handle: DatabaseHandle;
let adminId: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-sign-in-link-"));
  if (env.DATABASE_URL) {
    handle = await createTestDatabase();
  } else {
    handle = openDatabase({ dataDir: embeddedDatabaseDir(dataDir) });
    await migrateDatabase(handle);
  }
  await createTeam({ db: handle.db, name: "Default team", slug: "default" });
  adminId = (await ensureFirstAdmin({ db: handle.db, email: "owner@example.com" }))!.user.id;
  if (handle.kind === "pglite") await handle.close();
});
afterAll(async () => {
  await handle.close().catch(() => {});
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const run = (args: string[], extra: Record<string, string> = {}) =>
  promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/sign-in-link.ts", ...args], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      MERGELINE_DATA_DIR: dataDir,
      DATABASE_URL: handle.url ?? "",
      PORT: "3999",
      ...extra,
    },
    timeout: 60_000,
  });

describe("npm run auth:sign-in-link", () => {
  it("prints a working one-time link for the admin, and refuses an unknown email", async () => {
    const { stdout } = await run([], { MERGELINE_ADMIN_EMAIL: "owner@example.com" });
    const token = /http:\/\/127\.0\.0\.1:3999\/signin\/one-time\?token=([A-Za-z0-9_-]{43})/.exec(stdout)?.[1];
    expect(token).toBeDefined();

    const refused = await run(["nobody@example.com"]).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("No user has the email nobody@example.com"),
    });

    const check =
      handle.kind === "postgres"
        ? openDatabase({ url: handle.url!, max: 2 })
        : openDatabase({ dataDir: embeddedDatabaseDir(dataDir) });
    try {
      expect(await confirmOneTimeLogin({ db: check.db, token: token! })).toMatchObject({ userId: adminId });
    } finally {
      await check.close();
    }
  });

  it("asks the running app, which holds the database, and prints the address it answers on", async () => {
    const { startOperatorSocket } = await import("./start-operator-socket");
    const { createLogger } = await import("@/lib/platform/logger");
    const running =
      handle.kind === "postgres"
        ? openDatabase({ url: handle.url!, max: 2 })
        : openDatabase({ dataDir: embeddedDatabaseDir(dataDir) });
    const close = await startOperatorSocket({
      dataDir,
      db: () => running.db,
      baseUrl: "http://192.0.2.10:4567",
      logger: createLogger(),
    });
    try {
      expect(fs.statSync(path.join(dataDir, "run")).mode & 0o777).toBe(0o700);
      const { stdout } = await run([], { MERGELINE_ADMIN_EMAIL: "owner@example.com" });
      const token = /http:\/\/192\.0\.2\.10:4567\/signin\/one-time\?token=([A-Za-z0-9_-]{43})/.exec(stdout)?.[1];
      expect(token, stdout).toBeDefined();
      expect(await confirmOneTimeLogin({ db: running.db, token: token! })).toMatchObject({ userId: adminId });

      const refused = await run(["not an email"]).catch((error: { code: number; stderr: string }) => error);
      expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining("email: expected an email address") });
    } finally {
      await close!();
      await running.close();
    }
    expect(fs.existsSync(path.join(dataDir, "run", "operator.sock"))).toBe(false);
  });
});
