import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { setDatabaseHandle } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import { createTeam } from "@/db/queries/teams";
import { insertUserIfAbsent } from "@/db/queries/users";
import { createTestDatabase } from "@/testing/database";
import { createApiKey, listApiKeys } from "@/lib/api-keys";
import { listAuditLog } from "@/lib/audit";
import type { UserActor } from "@/lib/auth/get-session-actor";

// The settings page's actions act only for admins of the key's team; the session is
// whatever the test says.
const state = vi.hoisted(() => ({ actor: null as UserActor | null }));
vi.mock("@/lib/auth/get-session-actor", () => ({ getSessionActor: async () => state.actor }));

const { createApiKeyAction, revokeApiKeyAction } = await import("./actions");

let handle: DatabaseHandle;
const ids = { user: "", team: "", otherTeam: "", otherKey: "" };
const as = (role: "admin" | "member" | null) =>
  (state.actor = {
    kind: "user",
    userId: ids.user,
    memberships: role ? [{ teamId: ids.team, role }] : [],
    ip: "198.51.100.4",
  });

beforeAll(async () => {
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
  const db = handle.db;
  ids.user = (await insertUserIfAbsent({ db, values: { email: "keys-admin@example.com" } }))!.id;
  ids.team = (await createTeam({ db, name: "Mine", slug: "mine-keys" })).id;
  ids.otherTeam = (await createTeam({ db, name: "Theirs", slug: "theirs-keys" })).id;
  ids.otherKey = (
    await createApiKey({ db, teamId: ids.otherTeam, name: "theirs", scopes: ["read"], createdBy: null })
  ).apiKey.id;
});
afterAll(() => handle.close());
beforeEach(() => {
  state.actor = null;
});

describe("API key actions", () => {
  it("let an admin create a key (secret once, audited without it) and revoke it", async () => {
    as("admin");
    const created = await createApiKeyAction({ teamId: ids.team, name: "ci", scope: "runs:write" });
    if (!created.ok) throw new Error(created.error);
    expect(created.apiKey).toMatchObject({ name: "ci", scopes: ["runs:write"], revokedAt: null });
    expect(created.secret).toMatch(/^ml_/);
    const revoked = await revokeApiKeyAction({ teamId: ids.team, id: created.apiKey.id });
    expect(revoked).toMatchObject({ ok: true, apiKey: { revokedAt: expect.any(String) } });
    const { entries } = await listAuditLog({ db: handle.db, teamId: ids.team });
    expect(entries.map((entry) => [entry.action, entry.actorId])).toEqual(
      expect.arrayContaining([
        ["api_key.created", ids.user],
        ["api_key.revoked", ids.user],
      ]),
    );
    expect(JSON.stringify(entries)).not.toContain(created.secret);
  });

  it("refuse a member, and change nothing", async () => {
    as("member");
    const before = await listApiKeys({ db: handle.db, teamId: ids.team });
    expect(await createApiKeyAction({ teamId: ids.team, name: "sneaky", scope: "admin" })).toEqual({
      ok: false,
      error: "Only team admins can manage API keys",
    });
    expect(await revokeApiKeyAction({ teamId: ids.team, id: before[0]!.id })).toMatchObject({ ok: false });
    expect(await listApiKeys({ db: handle.db, teamId: ids.team })).toEqual(before);
  });

  it("refuse another team's keys, even to an admin", async () => {
    as("admin");
    expect(await createApiKeyAction({ teamId: ids.otherTeam, name: "x", scope: "read" })).toMatchObject({ ok: false });
    expect(await revokeApiKeyAction({ teamId: ids.otherTeam, id: ids.otherKey })).toMatchObject({ ok: false });
    // Naming one's own team does not reach another team's key either.
    expect(await revokeApiKeyAction({ teamId: ids.team, id: ids.otherKey })).toEqual({
      ok: false,
      error: "No such API key",
    });
    expect((await listApiKeys({ db: handle.db, teamId: ids.otherTeam }))[0]!.revokedAt).toBeNull();
  });

  it("need a session and valid input", async () => {
    expect(await createApiKeyAction({ teamId: ids.team, name: "ci", scope: "read" })).toEqual({
      ok: false,
      error: "Your session has ended; sign in again",
    });
    as("admin");
    expect(await createApiKeyAction({ teamId: ids.team, name: " ", scope: "read" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/name/),
    });
  });

  it("refuse a NUL and an id that is not one, with the field, before touching anything", async () => {
    as("admin");
    const before = await listApiKeys({ db: handle.db, teamId: ids.team });
    expect(await createApiKeyAction({ teamId: ids.team, name: "c\u0000i", scope: "read" })).toEqual({
      ok: false,
      error: "Some fields need a fix",
      fieldErrors: { name: "Must not contain a NUL character (\\u0000)" },
    });
    expect(await revokeApiKeyAction({ teamId: ids.team, id: "1; drop table api_keys" })).toEqual({
      ok: false,
      error: "id: Must be a UUID",
      fieldErrors: { id: "Must be a UUID" },
    });
    expect(await listApiKeys({ db: handle.db, teamId: ids.team })).toEqual(before);
  });
});
