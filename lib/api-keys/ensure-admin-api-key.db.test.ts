import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createTeam } from "@/db/queries/teams";
import { apiKeys, auditLog, teams } from "@/db/schema";
import { createTestDatabase } from "@/testing/database";
import { authenticateApiKey } from "./authenticate-api-key";
import { ensureAdminApiKey } from "./ensure-admin-api-key";
import { listApiKeys } from "./list-api-keys";
import { revokeApiKey } from "./revoke-api-key";

// Each test starts from an empty database: deleting the teams cascades to keys and audit rows.
let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
beforeEach(async () => {
  await handle.db.delete(teams);
});
afterAll(async () => handle.close());

const VALUE = "admin-key-from-the-environment-0123456789";

describe("ensureAdminApiKey", () => {
  it("does nothing before a team exists", async () => {
    expect(await ensureAdminApiKey({ db: handle.db, value: VALUE })).toBeNull();
    expect(await handle.db.select().from(apiKeys)).toEqual([]);
  });

  it("creates an admin key of the first team once, and it authenticates", async () => {
    const first = await createTeam({ db: handle.db, name: "Default team", slug: "default" });
    await createTeam({ db: handle.db, name: "Later", slug: "later" });

    const created = await ensureAdminApiKey({ db: handle.db, value: VALUE });
    expect(created).toMatchObject({
      created: true,
      apiKey: { teamId: first.id, scopes: ["admin"], name: "MERGELINE_ADMIN_API_KEY", prefix: "env" },
    });
    const again = await ensureAdminApiKey({ db: handle.db, value: VALUE });
    expect(again).toMatchObject({ created: false, apiKey: { id: created!.apiKey.id } });
    expect(await handle.db.select().from(apiKeys)).toHaveLength(1);

    expect(await authenticateApiKey({ db: handle.db, token: VALUE, ip: null })).toMatchObject({
      kind: "api_key",
      teamId: first.id,
      scopes: ["admin"],
    });
    const [entry] = await handle.db.select().from(auditLog);
    expect(entry).toMatchObject({
      action: "api_key.created",
      actorType: "system",
      targetId: created!.apiKey.id,
      teamId: first.id,
    });
    expect(JSON.stringify(entry)).not.toContain(VALUE);
  });

  it("is safe when several instances start at once", async () => {
    await createTeam({ db: handle.db, name: "Default team", slug: "default" });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => ensureAdminApiKey({ db: handle.db, value: VALUE })),
    );
    expect(results.filter((result) => result?.created)).toHaveLength(1);
    expect(await handle.db.select().from(apiKeys)).toHaveLength(1);
  });

  it("revokes the key of an earlier value when the value changes", async () => {
    const team = await createTeam({ db: handle.db, name: "Default team", slug: "default" });
    await ensureAdminApiKey({ db: handle.db, value: VALUE });
    const next = `${VALUE}-rotated`;
    await ensureAdminApiKey({ db: handle.db, value: next });

    expect(await authenticateApiKey({ db: handle.db, token: VALUE, ip: null })).toBeNull();
    expect(await authenticateApiKey({ db: handle.db, token: next, ip: null })).not.toBeNull();
    const keys = await listApiKeys({ db: handle.db, teamId: team.id });
    expect(keys.map((key) => key.revokedAt === null)).toEqual([false, true]);
  });

  it("leaves a key a person revoked revoked", async () => {
    const team = await createTeam({ db: handle.db, name: "Default team", slug: "default" });
    const ensured = await ensureAdminApiKey({ db: handle.db, value: VALUE });
    await revokeApiKey({ db: handle.db, teamId: team.id, id: ensured!.apiKey.id });
    const after = await ensureAdminApiKey({ db: handle.db, value: VALUE });
    expect(after).toMatchObject({ created: false, apiKey: { id: ensured!.apiKey.id } });
    expect(after!.apiKey.revokedAt).toBeInstanceOf(Date);
    expect(await authenticateApiKey({ db: handle.db, token: VALUE, ip: null })).toBeNull();
  });

  it("keeps an ml_ shaped value's prefix for display", async () => {
    await createTeam({ db: handle.db, name: "Default team", slug: "default" });
    const value = "ml_AbCd1234_0123456789abcdefghijABCDEFGHIJxyz";
    expect((await ensureAdminApiKey({ db: handle.db, value }))!.apiKey.prefix).toBe("AbCd1234");
  });
});
