import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createProject } from "@/db/queries/projects";
import { createTeam } from "@/db/queries/teams";
import { type Project, projectSecrets } from "@/db/schema";
import { createTestDatabase } from "@/testing/database";
import { defaultProjectSettings } from "@/lib/projects/settings";
import { loadEncryptionKeyring } from "./encryption-keyring";
import { getProjectSecretValues } from "./get-project-secret-values";
import { rotateProjectSecrets } from "./rotate-project-secrets";
import { setProjectSecret } from "./set-project-secret";

let handle: DatabaseHandle;
const projects: Project[] = [];
const oldKey = randomBytes(32).toString("base64");
const newKey = randomBytes(32).toString("base64");
const before = loadEncryptionKeyring({ current: oldKey });
const during = loadEncryptionKeyring({ current: newKey, previous: oldKey });
const after = loadEncryptionKeyring({ current: newKey });

beforeAll(async () => {
  handle = await createTestDatabase();
  const team = await createTeam({ db: handle.db, name: "Team", slug: "team" });
  for (const name of ["a", "b", "c"]) {
    projects.push(
      await createProject({
        db: handle.db,
        values: {
          teamId: team.id,
          provider: "local",
          repository: `/tmp/${name}`,
          name,
          settings: defaultProjectSettings(),
        },
      }),
    );
  }
  for (const [index, project] of projects.slice(0, 2).entries()) {
    for (const name of ["ONE", "TWO", "THREE"])
      await setProjectSecret({
        db: handle.db,
        projectId: project.id,
        name,
        value: `${name}-${index}`,
        keyring: before,
      });
  }
});
afterAll(async () => handle.close());

describe("rotateProjectSecrets", () => {
  it("re-encrypts every secret under the new key, after which the old key is not needed", async () => {
    // A value written after the switch is already under the new key.
    await setProjectSecret({ db: handle.db, projectId: projects[1]!.id, name: "NEW", value: "fresh", keyring: during });
    const datesBefore = await handle.db
      .select({ id: projectSecrets.id, updatedAt: projectSecrets.updatedAt })
      .from(projectSecrets);
    await expect(
      getProjectSecretValues({ db: handle.db, projectId: projects[0]!.id, keyring: after }),
    ).rejects.toMatchObject({ code: "internal:encryption_key" });

    expect(await rotateProjectSecrets({ db: handle.db, keyring: during })).toEqual({
      projects: 2,
      reencrypted: 6,
      alreadyCurrent: 1,
      failed: [],
    });

    const rows = await handle.db.select().from(projectSecrets);
    expect(new Set(rows.map((row) => row.keyId))).toEqual(new Set([after.current.id]));
    expect(await getProjectSecretValues({ db: handle.db, projectId: projects[0]!.id, keyring: after })).toEqual({
      ONE: "ONE-0",
      THREE: "THREE-0",
      TWO: "TWO-0",
    });
    expect(await getProjectSecretValues({ db: handle.db, projectId: projects[1]!.id, keyring: after })).toEqual({
      NEW: "fresh",
      ONE: "ONE-1",
      THREE: "THREE-1",
      TWO: "TWO-1",
    });
    // The values did not change, so neither does the date people see.
    const datesAfter = await handle.db
      .select({ id: projectSecrets.id, updatedAt: projectSecrets.updatedAt })
      .from(projectSecrets);
    expect(datesAfter.sort((x, y) => x.id.localeCompare(y.id))).toEqual(
      datesBefore.sort((x, y) => x.id.localeCompare(y.id)),
    );

    expect(await rotateProjectSecrets({ db: handle.db, keyring: after })).toEqual({
      projects: 2,
      reencrypted: 0,
      alreadyCurrent: 7,
      failed: [],
    });
  });

  it("rolls back a project it cannot read and still rotates the others", async () => {
    const stranger = loadEncryptionKeyring({ current: randomBytes(32).toString("base64") });
    await setProjectSecret({
      db: handle.db,
      projectId: projects[2]!.id,
      name: "READABLE",
      value: "r",
      keyring: before,
    });
    await setProjectSecret({ db: handle.db, projectId: projects[2]!.id, name: "LOST", value: "l", keyring: stranger });
    await setProjectSecret({ db: handle.db, projectId: projects[0]!.id, name: "LATE", value: "late", keyring: before });
    const thirdBefore = (await handle.db.select().from(projectSecrets)).filter(
      (row) => row.projectId === projects[2]!.id,
    );

    expect(await rotateProjectSecrets({ db: handle.db, keyring: during })).toEqual({
      projects: 3,
      reencrypted: 1,
      alreadyCurrent: 7,
      failed: [
        {
          projectId: projects[2]!.id,
          secrets: 2,
          error: expect.stringContaining(
            `Secret "LOST" of project ${projects[2]!.id} was encrypted with key ${stranger.current.id}`,
          ),
        },
      ],
    });
    const thirdAfter = (await handle.db.select().from(projectSecrets)).filter(
      (row) => row.projectId === projects[2]!.id,
    );
    expect(thirdAfter).toEqual(thirdBefore);
    expect((await getProjectSecretValues({ db: handle.db, projectId: projects[0]!.id, keyring: after })).LATE).toBe(
      "late",
    );
  });
});
