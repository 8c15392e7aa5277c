import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditLog, rateLimits } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { type ApiFixture, createApiFixture, createGitRepository } from "@/testing/api/api-fixture";
import { callApi, callJson } from "@/testing/api/call-api";

// The session path of authentication. next-auth reads its cookie through Next.js's request
// scope, which a test has not got; getSessionActor (lib/auth, tested on its own) is
// replaced here by who the session would be, so what is tested is how the API uses it.

const session = vi.hoisted(() => ({ actor: null as Actor | null, calls: [] as (string | null)[] }));
vi.mock("@/lib/auth/get-session-actor", () => ({
  getSessionActor: async (ip: string | null = null) => {
    session.calls.push(ip);
    return session.actor && { ...session.actor, ip };
  },
}));

let handle: DatabaseHandle;
let f: ApiFixture;
const cookie = { cookie: "authjs.session-token=opaque" };
const user = (memberships: { teamId: string; role: "admin" | "member" | "viewer" }[]): Actor => ({
  kind: "user",
  userId: "user-1",
  memberships,
  ip: null,
});

beforeAll(async () => {
  const { createTestDatabase } = await import("@/testing/database");
  const { setDatabaseHandle } = await import("@/db");
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
  f = await createApiFixture(handle.db);
});
afterAll(() => handle?.close());
beforeEach(() => {
  session.actor = null;
  session.calls = [];
});

describe("session authentication", () => {
  it("asks for the session only when the request has cookies, and passes the caller's address", async () => {
    expect((await callApi("GET", "/projects")).status).toBe(401);
    expect(session.calls).toEqual([]);
    expect((await callApi("GET", "/projects", { headers: cookie, ip: "192.0.2.10" })).status).toBe(401);
    expect(session.calls).toEqual(["192.0.2.10"]);
  });

  it("judges a request with an Authorization header by its key alone", async () => {
    session.actor = user([{ teamId: f.team.id, role: "admin" }]);
    const response = await callJson("GET", "/projects", {
      headers: { ...cookie, authorization: "Bearer not-a-real-key-but-long-enough" },
    });
    expect(response).toMatchObject({ status: 401, json: { error: { code: "unauthorized:api_key" } } });
    expect(session.calls).toEqual([]);
  });

  it("applies the team role: a viewer reads, and is refused writes", async () => {
    session.actor = user([{ teamId: f.team.id, role: "viewer" }]);
    expect((await callApi("GET", `/projects/${f.project.id}`, { headers: cookie })).status).toBe(200);
    const refused = await callJson("PATCH", `/projects/${f.project.id}`, {
      headers: cookie,
      body: { settings: { autoConfirmPlans: true } },
    });
    expect(refused).toMatchObject({
      status: 403,
      json: { error: { code: "forbidden:project", message: expect.stringMatching(/role/) } },
    });
  });

  it("hides another team's projects from a member of one team", async () => {
    session.actor = user([{ teamId: f.otherTeam.id, role: "admin" }]);
    expect((await callApi("GET", `/projects/${f.project.id}`, { headers: cookie })).status).toBe(404);
  });

  it("lets an admin change settings, audited as the user from their address, rate limited per user", async () => {
    session.actor = user([{ teamId: f.team.id, role: "admin" }]);
    const response = await callJson("PATCH", `/projects/${f.project.id}`, {
      headers: cookie,
      ip: "192.0.2.11",
      body: { settings: { autoConfirmPlans: true } },
    });
    expect(response).toMatchObject({ status: 200, json: { settings: { autoConfirmPlans: true } } });
    const [entry] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "project.settings.updated"));
    expect(entry).toMatchObject({
      actorType: "user",
      actorId: "user-1",
      ipAddress: "192.0.2.11",
      targetId: f.project.id,
      data: { changed: ["autoConfirmPlans"] },
    });
    const keys = (await handle.db.select().from(rateLimits)).map((row) => row.key);
    expect(keys).toEqual(expect.arrayContaining(["user:user-1:write", "ip:192.0.2.11:write"]));
  });

  it("needs teamId to pin a project only when the person is in several teams", async () => {
    const repository = await createGitRepository("session-pin");
    session.actor = user([
      { teamId: f.team.id, role: "admin" },
      { teamId: f.otherTeam.id, role: "viewer" },
    ]);
    const ambiguous = await callJson("POST", "/projects", { headers: cookie, body: { provider: "local", repository } });
    expect(ambiguous).toMatchObject({ status: 400, json: { error: { code: "bad_request:teamId" } } });
    session.actor = user([{ teamId: f.team.id, role: "admin" }]);
    const pinned = await callJson("POST", "/projects", { headers: cookie, body: { provider: "local", repository } });
    expect(pinned).toMatchObject({
      status: 201,
      json: { teamId: f.team.id, repository, name: "session-pin", defaultBranch: "main", pinned: true },
    });
  });
});
