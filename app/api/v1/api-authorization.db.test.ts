import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { HttpMethod } from "@/lib/api/route-types";
import { type ApiFixture, createApiFixture, createGitRepository, snapshotDomain } from "@/testing/api/api-fixture";
import { callApi } from "@/testing/api/call-api";

// Every /api/v1 route, tried with no credentials, another team's admin key, a read key, a
// runs:write key and an admin key. Refusals (401, 403, 404) must change nothing.

vi.hoisted(() => {
  vi.stubEnv("MERGELINE_ENCRYPTION_KEY", Buffer.alloc(32, 7).toString("base64"));
  // Reading a file fetches the repository into a mirror: in a data dir of the test's own.
  vi.stubEnv("MERGELINE_DATA_DIR", `${process.env.TMPDIR ?? "/tmp"}/mergeline-api-authorization-${process.pid}`);
});

type Permission = "public" | "read" | "write" | "admin";
type Case = {
  method: HttpMethod;
  path: (f: ApiFixture) => string;
  body?: (f: ApiFixture, extra: { repository: string }) => unknown;
  permission: Permission;
  /** What a caller with the permission gets (no pipeline engine runs here: starting or steering runs is a 503). */
  allowed: number;
};

// DELETE /projects/{id} is last: an unpinned project refuses new runs.
const cases: Case[] = [
  { method: "GET", path: () => "/openapi.json", permission: "public", allowed: 200 },
  { method: "GET", path: () => "/projects", permission: "read", allowed: 200 },
  { method: "GET", path: (f) => `/api-keys?teamId=${f.team.id}`, permission: "admin", allowed: 200 },
  {
    method: "POST",
    path: () => "/api-keys",
    body: (f) => ({ name: "ci", scopes: ["read"], teamId: f.team.id }),
    permission: "admin",
    allowed: 201,
  },
  { method: "DELETE", path: (f) => `/api-keys/${f.spareApiKey.id}`, permission: "admin", allowed: 200 },
  { method: "GET", path: (f) => `/members?teamId=${f.team.id}`, permission: "read", allowed: 200 },
  {
    method: "PATCH",
    path: (f) => `/members/${f.people.member.id}`,
    body: (f) => ({ role: "viewer", teamId: f.team.id }),
    permission: "admin",
    allowed: 200,
  },
  { method: "GET", path: (f) => `/invitations?teamId=${f.team.id}`, permission: "admin", allowed: 200 },
  {
    method: "POST",
    path: () => "/invitations",
    body: (f) => ({ email: "newcomer@example.test", role: "viewer", teamId: f.team.id }),
    permission: "admin",
    allowed: 201,
  },
  {
    method: "DELETE",
    path: (f) => `/invitations/${f.invitation.id}?teamId=${f.team.id}`,
    permission: "admin",
    allowed: 200,
  },
  {
    method: "DELETE",
    path: (f) => `/members/${f.people.secondAdmin.id}?teamId=${f.team.id}`,
    permission: "admin",
    allowed: 200,
  },
  {
    method: "POST",
    path: () => "/projects",
    body: (f, x) => ({ provider: "local", repository: x.repository, teamId: f.team.id }),
    permission: "admin",
    allowed: 201,
  },
  { method: "GET", path: (f) => `/projects/${f.project.id}`, permission: "read", allowed: 200 },
  {
    method: "PATCH",
    path: (f) => `/projects/${f.project.id}`,
    body: () => ({ settings: { testCommands: ["npm test"] } }),
    permission: "admin",
    allowed: 200,
  },
  { method: "GET", path: (f) => `/projects/${f.project.id}/secrets`, permission: "admin", allowed: 200 },
  {
    method: "PUT",
    path: (f) => `/projects/${f.project.id}/secrets/API_TOKEN`,
    body: () => ({ value: "s3cret-value" }),
    permission: "admin",
    allowed: 200,
  },
  { method: "DELETE", path: (f) => `/projects/${f.project.id}/secrets/API_TOKEN`, permission: "admin", allowed: 200 },
  { method: "GET", path: (f) => `/projects/${f.project.id}/runs`, permission: "read", allowed: 200 },
  { method: "GET", path: (f) => `/projects/${f.project.id}/search?q=fixture`, permission: "read", allowed: 200 },
  { method: "GET", path: (f) => `/projects/${f.project.id}/code-index`, permission: "read", allowed: 200 },
  { method: "POST", path: (f) => `/projects/${f.project.id}/code-index`, permission: "write", allowed: 503 },
  { method: "GET", path: (f) => `/projects/${f.project.id}/file?path=README.md`, permission: "read", allowed: 200 },
  {
    method: "POST",
    path: (f) => `/projects/${f.project.id}/runs`,
    body: () => ({ goal: "Add removeItem to the cart" }),
    permission: "write",
    allowed: 503,
  },
  { method: "GET", path: (f) => `/runs/${f.runs.ready.id}`, permission: "read", allowed: 200 },
  {
    method: "POST",
    path: (f) => `/runs/${f.runs.queued.id}/cancel`,
    body: () => ({ reason: "no longer needed" }),
    permission: "write",
    allowed: 503,
  },
  { method: "POST", path: (f) => `/runs/${f.runs.cancelled.id}/retry`, permission: "write", allowed: 503 },
  {
    method: "POST",
    path: (f) => `/runs/${f.runs.awaiting.id}/plan`,
    body: () => ({ decision: "approve" }),
    permission: "write",
    allowed: 503,
  },
  { method: "POST", path: (f) => `/runs/${f.runs.ready.id}/merge`, permission: "write", allowed: 503 },
  { method: "GET", path: (f) => `/runs/${f.runs.ready.id}/events?after=0`, permission: "read", allowed: 200 },
  { method: "GET", path: (f) => `/runs/${f.runs.ready.id}/validations`, permission: "read", allowed: 200 },
  { method: "GET", path: (f) => `/runs/${f.runs.ready.id}/transcript`, permission: "read", allowed: 200 },
  {
    method: "POST",
    path: () => "/tasks",
    body: (f) => ({ title: "Add removeItem to the cart", project: f.project.id }),
    permission: "write",
    allowed: 503,
  },
  { method: "GET", path: (f) => `/validations/${f.validation.id}`, permission: "read", allowed: 200 },
  { method: "POST", path: (f) => `/validations/${f.validation.id}/retry`, permission: "write", allowed: 409 },
  { method: "GET", path: (f) => `/notification-destinations?teamId=${f.team.id}`, permission: "admin", allowed: 200 },
  {
    method: "POST",
    path: () => "/notification-destinations",
    body: (f) => ({
      kind: "webhook",
      name: "Deploys",
      url: "https://93.184.215.14/hook",
      events: ["run.merged"],
      teamId: f.team.id,
    }),
    permission: "admin",
    allowed: 201,
  },
  {
    method: "GET",
    path: (f) => `/notification-destinations/${f.notificationDestination.id}`,
    permission: "admin",
    allowed: 200,
  },
  {
    method: "PATCH",
    path: (f) => `/notification-destinations/${f.notificationDestination.id}`,
    body: () => ({ events: ["run.failed", "run.merged"] }),
    permission: "admin",
    allowed: 200,
  },
  {
    method: "GET",
    path: (f) => `/notification-destinations/${f.notificationDestination.id}/deliveries`,
    permission: "admin",
    allowed: 200,
  },
  {
    method: "POST",
    path: (f) => `/notification-destinations/${f.notificationDestination.id}/secret`,
    permission: "admin",
    allowed: 200,
  },
  {
    method: "POST",
    path: (f) => `/notification-destinations/${f.notificationDestination.id}/test`,
    permission: "admin",
    allowed: 503,
  },
  {
    method: "GET",
    path: (f) => `/notification-deliveries/${f.notificationDelivery.id}`,
    permission: "admin",
    allowed: 200,
  },
  {
    method: "POST",
    path: (f) => `/notification-deliveries/${f.notificationDelivery.id}/resend`,
    permission: "admin",
    allowed: 503,
  },
  {
    method: "DELETE",
    path: (f) => `/notification-destinations/${f.spareDestination.id}`,
    permission: "admin",
    allowed: 200,
  },
  { method: "GET", path: (f) => `/insights?projectId=${f.project.id}`, permission: "read", allowed: 200 },
  { method: "GET", path: (f) => `/insights?teamId=${f.team.id}`, permission: "read", allowed: 200 },
  { method: "DELETE", path: (f) => `/projects/${f.project.id}`, permission: "admin", allowed: 200 },
];

let handle: DatabaseHandle;
let f: ApiFixture;
let repository: string;

beforeAll(async () => {
  const { createTestDatabase } = await import("@/testing/database");
  const { setDatabaseHandle } = await import("@/db");
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
  f = await createApiFixture(handle.db);
  repository = await createGitRepository("to-pin");
});
afterAll(() => handle?.close());

// Test names are made before the fixture exists: paths of a stand-in with "{id}" for every id.
const anyId = { id: "{id}" };
const stand = {
  project: anyId,
  team: anyId,
  spareApiKey: anyId,
  validation: anyId,
  invitation: anyId,
  notificationDestination: anyId,
  spareDestination: anyId,
  notificationDelivery: anyId,
  people: { admin: anyId, secondAdmin: anyId, member: anyId },
  runs: { queued: anyId, awaiting: anyId, ready: anyId, cancelled: anyId },
};
const label = (c: Case) => `${c.method} ${c.path(stand as unknown as ApiFixture)}`;
const send = (c: Case, token?: string) => callApi(c.method, c.path(f), { token, body: c.body?.(f, { repository }) });

/** Sends the request and proves the database is exactly as before. */
async function refused(c: Case, token: string | undefined) {
  const before = await snapshotDomain(handle.db);
  const response = await send(c, token);
  const body = (await response.json()) as { error?: { code: string } };
  expect(await snapshotDomain(handle.db)).toBe(before);
  return { status: response.status, code: body.error?.code, headers: response.headers };
}

describe("refused requests change nothing", () => {
  it.each(cases.filter((c) => c.permission !== "public").map((c) => [label(c), c] as const))(
    "%s without credentials: 401",
    async (_, c) => {
      const result = await refused(c, undefined);
      expect(result).toMatchObject({ status: 401, code: "unauthorized:credentials" });
      expect(result.headers.get("www-authenticate")).toMatch(/^Bearer/);
    },
  );

  it.each(cases.filter((c) => c.permission !== "public").map((c) => [label(c), c] as const))(
    "%s with an unknown key: 401",
    async (_, c) => {
      expect(await refused(c, `ml_${"x".repeat(40)}`)).toMatchObject({ status: 401, code: "unauthorized:api_key" });
    },
  );

  it.each(cases.filter((c) => c.permission !== "public").map((c) => [label(c), c] as const))(
    "%s with another team's admin key: 404 or not listed",
    async (_, c) => {
      if (c.method === "GET" && c.path(f) === "/projects") {
        const response = await send(c, f.tokens.otherTeam);
        expect(response.status).toBe(200);
        expect(((await response.json()) as { data: { id: string }[] }).data.map((p) => p.id)).not.toContain(
          f.project.id,
        );
        return;
      }
      const result = await refused(c, f.tokens.otherTeam);
      expect(result.status).toBe(404);
      expect(result.code).toMatch(/^not_found:/);
    },
  );

  it.each(cases.filter((c) => c.permission === "write" || c.permission === "admin").map((c) => [label(c), c] as const))(
    "%s with a read key: 403",
    async (_, c) => {
      const result = await refused(c, f.tokens.viewer);
      expect(result.status).toBe(403);
      expect(result.code).toMatch(/^forbidden:/);
    },
  );

  it.each(cases.filter((c) => c.permission === "admin").map((c) => [label(c), c] as const))(
    "%s with a runs:write key: 403",
    async (_, c) => {
      const result = await refused(c, f.tokens.member);
      expect(result.status).toBe(403);
      expect(result.code).toMatch(/^forbidden:/);
    },
  );
});

describe("allowed requests", () => {
  it.each(cases.filter((c) => c.permission === "read" || c.permission === "public").map((c) => [label(c), c] as const))(
    "%s with a read key",
    async (_, c) => {
      expect((await send(c, f.tokens.viewer)).status).toBe(c.allowed);
    },
  );

  it.each(cases.filter((c) => c.permission === "write").map((c) => [label(c), c] as const))(
    "%s with a runs:write key",
    async (_, c) => {
      expect((await send(c, f.tokens.member)).status).toBe(c.allowed);
    },
  );

  it.each(cases.map((c) => [label(c), c] as const))("%s with an admin key", async (_, c) => {
    const response = await send(c, f.tokens.admin);
    expect({ status: response.status, body: response.status === c.allowed ? null : await response.json() }).toEqual({
      status: c.allowed,
      body: null,
    });
  });
});
