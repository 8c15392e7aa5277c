import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createProject } from "@/db/queries/projects";
import { createTeam } from "@/db/queries/teams";
import { type Project, projectSecrets } from "@/db/schema";
import { createTestDatabase } from "@/testing/database";
import { AppError } from "@/lib/platform/errors";
import { defaultProjectSettings } from "@/lib/projects/settings";
import { deleteProjectSecret } from "./delete-project-secret";
import { loadEncryptionKeyring } from "./encryption-keyring";
import { getProjectSecretValues } from "./get-project-secret-values";
import { listProjectSecretNames } from "./list-project-secret-names";
import { setProjectSecret } from "./set-project-secret";

let handle: DatabaseHandle;
let project: Project;
let other: Project;
const keyring = loadEncryptionKeyring({ current: randomBytes(32).toString("base64"), previous: null });

beforeAll(async () => {
  handle = await createTestDatabase();
  const team = await createTeam({ db: handle.db, name: "Team", slug: "team" });
  const make = (repository: string) =>
    createProject({
      db: handle.db,
      values: { teamId: team.id, provider: "local", repository, name: repository, settings: defaultProjectSettings() },
    });
  project = await make("/tmp/a");
  other = await make("/tmp/b");
});
afterAll(async () => handle.close());

const set = (name: string, value: string, projectId = project.id) =>
  setProjectSecret({ db: handle.db, projectId, name, value, keyring });
const values = (projectId = project.id) => getProjectSecretValues({ db: handle.db, projectId, keyring });
const rowOf = async (name: string, projectId = project.id) =>
  (
    await handle.db
      .select()
      .from(projectSecrets)
      .where(sql`${projectSecrets.projectId} = ${projectId} and ${projectSecrets.name} = ${name}`)
  )[0]!;

describe("project secrets", () => {
  it("round-trip, replace a value, and list names without values", async () => {
    const created = await set("API_TOKEN", "first");
    await set("DATABASE_URL", "postgres://u:p@h/db");
    const replaced = await set("API_TOKEN", "second ✓");
    expect(replaced.createdAt).toEqual(created.createdAt);
    expect(replaced.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
    expect(await values()).toEqual({ API_TOKEN: "second ✓", DATABASE_URL: "postgres://u:p@h/db" });

    const names = await listProjectSecretNames({ db: handle.db, projectId: project.id });
    expect(names.map((entry) => Object.keys(entry).sort())).toEqual([
      ["createdAt", "name", "updatedAt"],
      ["createdAt", "name", "updatedAt"],
    ]);
    expect(names.map((entry) => entry.name)).toEqual(["API_TOKEN", "DATABASE_URL"]);
    expect(await values(other.id)).toEqual({});
  });

  it("leave the plaintext nowhere in the database", async () => {
    const plaintext = `needle-${randomBytes(12).toString("hex")}`;
    await set("NEEDLE", plaintext);
    // Every column of every row, as text, plus the encodings a careless implementation might store.
    const rows = await handle.db.execute(sql`select row_to_json(s)::text as row from project_secrets s`);
    const text = JSON.stringify(rows);
    expect(text).toContain("NEEDLE");
    for (const form of [plaintext, Buffer.from(plaintext).toString("base64"), Buffer.from(plaintext).toString("hex")])
      expect(text).not.toContain(form);
  });

  it("refuse tampered ciphertext, tag and IV", async () => {
    await set("TAMPER", "do not touch");
    const row = await rowOf("TAMPER");
    const flip = (base64: string) => {
      const bytes = Buffer.from(base64, "base64");
      bytes[0] = bytes[0]! ^ 1;
      return bytes.toString("base64");
    };
    for (const change of [
      { ciphertext: flip(row.ciphertext) },
      { authTag: flip(row.authTag) },
      { iv: flip(row.iv) },
      { authTag: Buffer.from(row.authTag, "base64").subarray(0, 12).toString("base64") },
    ]) {
      await handle.db.update(projectSecrets).set(change).where(eq(projectSecrets.id, row.id));
      await expect(values()).rejects.toMatchObject({
        code: "internal:secret_corrupt",
        message: expect.stringContaining('Secret "TAMPER" could not be decrypted'),
      });
      await handle.db
        .update(projectSecrets)
        .set({ ciphertext: row.ciphertext, authTag: row.authTag, iv: row.iv })
        .where(eq(projectSecrets.id, row.id));
    }
    expect((await values()).TAMPER).toBe("do not touch");

    // A row copied onto another project does not decrypt there.
    await handle.db.insert(projectSecrets).values({ ...row, id: undefined, projectId: other.id });
    await expect(values(other.id)).rejects.toMatchObject({ code: "internal:secret_corrupt" });
    await handle.db.delete(projectSecrets).where(eq(projectSecrets.projectId, other.id));
  });

  it("give a clear error under the wrong key", async () => {
    const wrong = loadEncryptionKeyring({ current: randomBytes(32).toString("base64") });
    const error = await getProjectSecretValues({ db: handle.db, projectId: project.id, keyring: wrong }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "internal:encryption_key", status: 500 });
    expect((error as AppError).message).toMatch(
      new RegExp(
        `was encrypted with key ${keyring.current.id}, which is not configured.*Set MERGELINE_ENCRYPTION_KEY_PREVIOUS`,
      ),
    );
  });

  it("check names, sizes and the project", async () => {
    for (const name of ["lower", "1ABC", "WITH-DASH", "", "A".repeat(65), "ÄB"]) {
      await expect(set(name, "v")).rejects.toMatchObject({ code: "bad_request:secret_name" });
    }
    await set("A".repeat(64), "v");
    await set("MAX_SIZE", "x".repeat(32 * 1024));
    await expect(set("TOO_BIG", "x".repeat(32 * 1024 + 1))).rejects.toMatchObject({
      code: "payload_too_large:secret_value",
      status: 413,
    });
    await expect(set("TOO_BIG", "€".repeat(11_000))).rejects.toMatchObject({ status: 413 });
    await expect(set("NUL", "a\0b")).rejects.toMatchObject({ code: "bad_request:secret_value" });
    await expect(set("ORPHAN", "v", "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({
      code: "not_found:project",
    });
    await expect(set("ORPHAN", "v", "not-a-uuid")).rejects.toMatchObject({ code: "not_found:project" });
    expect((await values()).MAX_SIZE).toHaveLength(32 * 1024);
  });

  it("delete by name", async () => {
    await set("GONE", "v");
    await deleteProjectSecret({ db: handle.db, projectId: project.id, name: "GONE" });
    expect(await values()).not.toHaveProperty("GONE");
    await expect(deleteProjectSecret({ db: handle.db, projectId: project.id, name: "GONE" })).rejects.toMatchObject({
      code: "not_found:secret",
    });
  });
});
