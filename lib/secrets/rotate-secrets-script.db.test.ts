import { execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "@/db/client";
import { embeddedDatabaseDir } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { getNotificationDestination, insertNotificationDestination } from "@/db/queries/notification-destinations";
import { createProject } from "@/db/queries/projects";
import { createTeam } from "@/db/queries/teams";
import { projectSecrets } from "@/db/schema";
import { createTestDatabase } from "@/testing/database";
import { env } from "@/lib/platform/env";
import { defaultProjectSettings } from "@/lib/projects/settings";
import { openDestinationSecret, sealDestinationSecret } from "./destination-secret-cipher";
import { loadEncryptionKeyring } from "./encryption-keyring";
import { getProjectSecretValues } from "./get-project-secret-values";
import { setProjectSecret } from "./set-project-secret";

// `npm run secrets:rotate` end to end: the real script in its own process, against a data
// dir's PGlite (closed first: one owner at a time) or the test database on Postgres.
const root = path.resolve(import.meta.dirname, "../..");
const oldKey = randomBytes(32).toString("base64");
const newKey = randomBytes(32).toString("base64");
let dataDir: string;
let handle: DatabaseHandle;
let projectId: string;
let destinationId: string;

const open = (): DatabaseHandle =>
  handle.kind === "postgres"
    ? openDatabase({ url: handle.url!, max: 2 })
    : openDatabase({ dataDir: embeddedDatabaseDir(dataDir) });

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-rotate-"));
  if (env.DATABASE_URL) {
    handle = await createTestDatabase();
  } else {
    handle = openDatabase({ dataDir: embeddedDatabaseDir(dataDir) });
    await migrateDatabase(handle);
  }
  const team = await createTeam({ db: handle.db, name: "Team", slug: "team" });
  const project = await createProject({
    db: handle.db,
    values: { teamId: team.id, provider: "local", repository: "/tmp/r", name: "r", settings: defaultProjectSettings() },
  });
  projectId = project.id;
  const keyring = loadEncryptionKeyring({ current: oldKey });
  for (const name of ["ONE", "TWO"])
    await setProjectSecret({ db: handle.db, projectId, name, value: `value of ${name}`, keyring });
  destinationId = randomUUID();
  await insertNotificationDestination({
    db: handle.db,
    values: {
      id: destinationId,
      teamId: team.id,
      name: "hook",
      kind: "webhook",
      url: "https://93.184.215.14/hook",
      events: ["run.failed"],
      sealedSecret: sealDestinationSecret({ secret: "whsec_c2VjcmV0", destinationId, keyring }),
    },
  });
  if (handle.kind === "pglite") await handle.close();
});
afterAll(async () => {
  await handle.close().catch(() => {});
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const rotate = (extra: Record<string, string>) =>
  promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/rotate-secrets.ts"], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      MERGELINE_DATA_DIR: dataDir,
      DATABASE_URL: handle.url ?? "",
      ...extra,
    },
    timeout: 60_000,
  });

describe("npm run secrets:rotate", () => {
  it("fails clearly without the previous key, then rotates with it and prints counts", async () => {
    const refused = await rotate({ MERGELINE_ENCRYPTION_KEY: newKey }).catch(
      (error: { code: number; stdout: string }) => error,
    );
    expect(refused).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(/projects failed: 1\n.*MERGELINE_ENCRYPTION_KEY_PREVIOUS/s),
    });

    const { stdout } = await rotate({ MERGELINE_ENCRYPTION_KEY: newKey, MERGELINE_ENCRYPTION_KEY_PREVIOUS: oldKey });
    expect(stdout).toContain(
      "projects with secrets: 1\nre-encrypted: 2\nalready under the current key: 0\nprojects failed: 0\n",
    );
    expect(stdout).toContain("notification destinations re-encrypted: 1\nnotification destinations failed: 0\n");
    expect(stdout).toContain("MERGELINE_ENCRYPTION_KEY_PREVIOUS can be removed");
    expect(stdout).not.toContain("value of");

    const again = await rotate({ MERGELINE_ENCRYPTION_KEY: newKey });
    expect(again.stdout).toContain("re-encrypted: 0\nalready under the current key: 2\n");

    const check = open();
    try {
      const rows = await check.db.select().from(projectSecrets);
      expect(rows.map((row) => row.keyId)).toEqual([
        loadEncryptionKeyring({ current: newKey }).current.id,
        loadEncryptionKeyring({ current: newKey }).current.id,
      ]);
      expect(
        await getProjectSecretValues({ db: check.db, projectId, keyring: loadEncryptionKeyring({ current: newKey }) }),
      ).toEqual({ ONE: "value of ONE", TWO: "value of TWO" });
      const destination = await getNotificationDestination({ db: check.db, id: destinationId });
      expect(
        openDestinationSecret({
          sealed: destination!.sealedSecret!,
          destinationId,
          keyring: loadEncryptionKeyring({ current: newKey }),
        }),
      ).toBe("whsec_c2VjcmV0");
    } finally {
      await check.close();
    }
  });
});
