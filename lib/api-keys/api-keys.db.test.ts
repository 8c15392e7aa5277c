import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createTeam } from "@/db/queries/teams";
import { apiKeys, type Team } from "@/db/schema";
import { createTestDatabase } from "@/testing/database";
import { AppError } from "@/lib/platform/errors";
import { createApiKey } from "./create-api-key";
import { authenticateApiKey } from "./authenticate-api-key";
import { listApiKeys } from "./list-api-keys";
import { revokeApiKey } from "./revoke-api-key";
import { hashApiKeyToken } from "./token";

let handle: DatabaseHandle;
let team: Team;
let otherTeam: Team;

beforeAll(async () => {
  handle = await createTestDatabase();
  team = await createTeam({ db: handle.db, name: "Team", slug: "team" });
  otherTeam = await createTeam({ db: handle.db, name: "Other", slug: "other" });
});
afterAll(async () => handle.close());

const create = (overrides: Partial<Parameters<typeof createApiKey>[0]> = {}) =>
  createApiKey({ db: handle.db, teamId: team.id, name: "CI", scopes: ["runs:write"], createdBy: null, ...overrides });

describe("createApiKey", () => {
  it("returns the secret once and stores only its SHA-256 hash and prefix", async () => {
    const { apiKey, secret } = await create({ name: "  deploy bot  " });
    expect(secret).toMatch(/^ml_[0-9A-Za-z]{8}_[0-9A-Za-z]{43}$/);
    expect(apiKey).toMatchObject({
      name: "deploy bot",
      teamId: team.id,
      scopes: ["runs:write"],
      prefix: secret.slice(3, 11),
      revokedAt: null,
    });
    expect(apiKey).not.toHaveProperty("keyHash");

    const [row] = await handle.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(row!.keyHash).toBe(hashApiKeyToken(secret));
    expect(JSON.stringify(row)).not.toContain(secret.slice(12));
  });

  it("refuses a bad name, unknown or no scopes, the reserved name and a past expiry", async () => {
    const before = (await listApiKeys({ db: handle.db, teamId: team.id })).length;
    const attempts = [
      create({ name: " " }),
      create({ name: "x".repeat(101) }),
      create({ scopes: [] }),
      create({ scopes: ["root" as never] }),
      create({ name: "MERGELINE_ADMIN_API_KEY" }),
      create({ expiresAt: new Date(Date.now() - 1000) }),
    ];
    for (const attempt of attempts) {
      await expect(attempt).rejects.toSatisfy((error: unknown) => error instanceof AppError && error.status === 400);
    }
    expect(await listApiKeys({ db: handle.db, teamId: team.id })).toHaveLength(before);
  });
});

describe("authenticateApiKey", () => {
  it("turns a live key into an api_key actor of its team", async () => {
    const { apiKey, secret } = await create({ scopes: ["read", "runs:write"] });
    expect(await authenticateApiKey({ db: handle.db, token: secret, ip: "10.0.0.1" })).toEqual({
      kind: "api_key",
      apiKeyId: apiKey.id,
      teamId: team.id,
      scopes: ["read", "runs:write"],
      ip: "10.0.0.1",
    });
  });

  it("refuses unknown, altered, too short and oversized tokens", async () => {
    const { secret } = await create();
    const altered = secret.slice(0, -1) + (secret.endsWith("a") ? "b" : "a");
    for (const token of [
      altered,
      secret.slice(0, -1),
      `${secret} `,
      "",
      "short",
      "x".repeat(10_000),
      `Bearer ${secret}`,
    ]) {
      expect(await authenticateApiKey({ db: handle.db, token, ip: null })).toBeNull();
    }
  });

  it("refuses revoked and expired keys", async () => {
    const revoked = await create();
    await revokeApiKey({ db: handle.db, teamId: team.id, id: revoked.apiKey.id });
    expect(await authenticateApiKey({ db: handle.db, token: revoked.secret, ip: null })).toBeNull();

    const now = new Date();
    const expiring = await create({ expiresAt: new Date(now.getTime() + 60_000) });
    expect(await authenticateApiKey({ db: handle.db, token: expiring.secret, ip: null, now })).not.toBeNull();
    expect(
      await authenticateApiKey({
        db: handle.db,
        token: expiring.secret,
        ip: null,
        now: new Date(now.getTime() + 60_000),
      }),
    ).toBeNull();
  });

  it("records lastUsedAt at most once a minute", async () => {
    const { apiKey, secret } = await create();
    const lastUsed = async () =>
      (await handle.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id)))[0]!.lastUsedAt;
    const t0 = new Date("2030-01-01T00:00:00Z");
    expect(await lastUsed()).toBeNull();
    await authenticateApiKey({ db: handle.db, token: secret, ip: null, now: t0 });
    expect(await lastUsed()).toEqual(t0);
    await authenticateApiKey({ db: handle.db, token: secret, ip: null, now: new Date(t0.getTime() + 59_000) });
    expect(await lastUsed()).toEqual(t0);
    const t1 = new Date(t0.getTime() + 61_000);
    await authenticateApiKey({ db: handle.db, token: secret, ip: null, now: t1 });
    expect(await lastUsed()).toEqual(t1);
  });
});

describe("revokeApiKey and listApiKeys", () => {
  it("lists the team's keys without hashes, revoked ones marked", async () => {
    const own = await create({ name: "listed" });
    const foreign = await create({ teamId: otherTeam.id, name: "foreign" });
    await revokeApiKey({ db: handle.db, teamId: team.id, id: own.apiKey.id });

    const listed = await listApiKeys({ db: handle.db, teamId: team.id });
    expect(listed.map((key) => key.id)).toContain(own.apiKey.id);
    expect(listed.map((key) => key.id)).not.toContain(foreign.apiKey.id);
    expect(listed.find((key) => key.id === own.apiKey.id)!.revokedAt).toBeInstanceOf(Date);
    for (const key of listed) expect(Object.keys(key)).not.toContain("keyHash");
    expect(JSON.stringify(listed)).not.toMatch(/[0-9a-f]{64}/);
  });

  it("keeps the first revocation time and hides other teams' keys", async () => {
    const { apiKey, secret } = await create();
    const first = await revokeApiKey({
      db: handle.db,
      teamId: team.id,
      id: apiKey.id,
      now: new Date("2030-01-01T00:00:00Z"),
    });
    const again = await revokeApiKey({
      db: handle.db,
      teamId: team.id,
      id: apiKey.id,
      now: new Date("2031-01-01T00:00:00Z"),
    });
    expect(again.revokedAt).toEqual(first.revokedAt);

    const foreign = await create({ teamId: otherTeam.id });
    await expect(revokeApiKey({ db: handle.db, teamId: team.id, id: foreign.apiKey.id })).rejects.toMatchObject({
      code: "not_found:api_key",
    });
    await expect(revokeApiKey({ db: handle.db, teamId: team.id, id: "not-a-uuid" })).rejects.toMatchObject({
      code: "not_found:api_key",
    });
    expect(await authenticateApiKey({ db: handle.db, token: foreign.secret, ip: null })).not.toBeNull();
    expect(await authenticateApiKey({ db: handle.db, token: secret, ip: null })).toBeNull();
  });
});
