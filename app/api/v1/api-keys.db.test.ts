import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { listAuditLog } from "@/lib/audit";
import { type ApiFixture, createApiFixture } from "@/testing/api/api-fixture";
import { callApi, callJson } from "@/testing/api/call-api";

// The key lifecycle over REST: create (secret once), list (never a secret or hash), use,
// revoke (stops at once), each audited without the secret.

let handle: DatabaseHandle;
let f: ApiFixture;

beforeAll(async () => {
  const { createTestDatabase } = await import("@/testing/database");
  const { setDatabaseHandle } = await import("@/db");
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
  f = await createApiFixture(handle.db);
});
afterAll(() => handle?.close());

type Key = { id: string; name: string; prefix: string; scopes: string[]; revokedAt: string | null; secret?: string };

describe("API keys over REST", () => {
  it("creates a key whose secret works, lists it without secrets, and revokes it", async () => {
    const created = await callJson<Key>("POST", "/api-keys", {
      token: f.tokens.admin,
      body: { name: "deploy bot", scopes: ["read"] },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: "deploy bot",
      scopes: ["read"],
      revokedAt: null,
      secret: expect.stringMatching(/^ml_/),
    });
    const secret = created.json.secret!;
    expect(secret.startsWith(`ml_${created.json.prefix}_`)).toBe(true);
    expect((await callApi("GET", "/projects", { token: secret })).status).toBe(200);

    const listed = await callJson<{ data: Key[] }>("GET", "/api-keys", { token: f.tokens.admin });
    expect(listed.json.data.map((key) => key.name)).toContain("deploy bot");
    expect(JSON.stringify(listed.json)).not.toMatch(/secret|hash|ml_x/i);
    expect(JSON.stringify(listed.json)).not.toContain(secret);

    const revoked = await callJson<Key>("DELETE", `/api-keys/${created.json.id}`, { token: f.tokens.admin });
    expect(revoked).toMatchObject({ status: 200, json: { id: created.json.id, revokedAt: expect.any(String) } });
    expect((await callApi("GET", "/projects", { token: secret })).status).toBe(401);
    expect((await callJson("DELETE", `/api-keys/${created.json.id}`, { token: f.tokens.admin })).status).toBe(200);

    const log = await listAuditLog({ db: handle.db, teamId: f.team.id });
    const entries = log.entries.filter((entry) => entry.targetId === created.json.id);
    expect(entries.map((entry) => entry.action).sort()).toEqual(["api_key.created", "api_key.revoked"]);
    expect(JSON.stringify(entries)).not.toContain(secret);
  });

  it("answers 404 for a key of another team or none at all", async () => {
    const theirs = await callJson<Key>("POST", "/api-keys", {
      token: f.tokens.otherTeam,
      body: { name: "theirs", scopes: ["read"] },
    });
    expect((await callJson("DELETE", `/api-keys/${theirs.json.id}`, { token: f.tokens.admin })).json).toMatchObject({
      error: { code: "not_found:api_key" },
    });
    expect(
      (await callJson("DELETE", "/api-keys/00000000-0000-4000-8000-000000000000", { token: f.tokens.admin })).status,
    ).toBe(404);
    expect((await callApi("GET", "/projects", { token: theirs.json.secret })).status).toBe(200);
  });
});
