import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import pino from "pino";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { type ApiFixture, createApiFixture } from "@/testing/api/api-fixture";
import { verifyRealtimeToken } from "@/realtime/auth";
import { createRealtimeServer, type RealtimeServer } from "@/realtime/server";

// The token route, and the token it issues against the real sidecar. next-auth reads its
// cookie through Next.js's request scope, which a test has not got: getSessionActor is
// replaced by who the session would be (as in app/api/v1/api-session.db.test.ts).
const session = vi.hoisted(() => {
  process.env.REALTIME_SECRET = "r".repeat(40);
  return { actor: null as Actor | null };
});
vi.mock("@/lib/auth/get-session-actor", () => ({ getSessionActor: async () => session.actor }));

const secret = "r".repeat(40);
let handle: DatabaseHandle;
let f: ApiFixture;
let sidecar: RealtimeServer;
let sidecarUrl: string;
const sockets: Socket[] = [];
const member = (teamId: string): Actor => ({
  kind: "user",
  userId: "user-1",
  memberships: [{ teamId, role: "viewer" }],
  ip: null,
});

async function get(ids: string[]) {
  const { GET } = await import("./route");
  const query = ids.map((id) => `projectId=${id}`).join("&");
  return GET(new Request(`http://127.0.0.1/api/realtime/token?${query}`));
}
async function post(body: unknown) {
  const { POST } = await import("./route");
  return POST(
    new Request("http://127.0.0.1/api/realtime/token", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
}
function open(token: unknown): Promise<Socket> {
  const socket = connect(sidecarUrl, {
    auth: { token },
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => socket.once("connect", () => resolve(socket)).once("connect_error", reject));
}

beforeAll(async () => {
  const { createTestDatabase } = await import("@/testing/database");
  const { setDatabaseHandle } = await import("@/db");
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
  f = await createApiFixture(handle.db);
  sidecar = createRealtimeServer({ secret, logger: pino({ level: "silent" }) });
  await new Promise<void>((resolve) => sidecar.http.listen(0, "127.0.0.1", resolve));
  sidecarUrl = `http://127.0.0.1:${(sidecar.http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await sidecar?.close();
  await handle?.close();
});
beforeEach(() => {
  session.actor = null;
});

describe("GET/POST /api/realtime/token", () => {
  it("answers 401 without a session", async () => {
    expect((await get([f.project.id])).status).toBe(401);
    expect((await post({ projectIds: [f.project.id] })).status).toBe(401);
  });

  it("issues a short-lived token naming the projects, and says where the sidecar is", async () => {
    session.actor = member(f.team.id);
    const response = await post({ projectIds: [f.project.id, f.project.id] });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { token: string; expiresIn: number; url: string | null; port: number };
    expect(body).toMatchObject({ expiresIn: 300, url: null, port: expect.any(Number) });
    expect(await verifyRealtimeToken(body.token, secret)).toMatchObject({ sub: "user-1", projects: [f.project.id] });
    expect((await get([f.project.id])).status).toBe(200);
  });

  it("answers 404 for a project of another team, and for one that does not exist", async () => {
    session.actor = member(f.otherTeam.id);
    const response = await get([f.project.id]);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "not_found:project" } });
    session.actor = member(f.team.id);
    expect((await post({ projectIds: [f.project.id, randomUUID()] })).status).toBe(404);
  });

  it("answers 400 for malformed input", async () => {
    session.actor = member(f.team.id);
    expect((await get([])).status).toBe(400);
    expect((await get(["nope"])).status).toBe(400);
    expect((await post({ projectIds: [] })).status).toBe(400);
    expect((await post({ projectIds: [f.project.id], extra: 1 })).status).toBe(400);
  });

  it("is honoured by the sidecar for its projects only; a forged token is refused", async () => {
    session.actor = member(f.team.id);
    const { token } = (await (await post({ projectIds: [f.project.id] })).json()) as { token: string };
    const socket = await open(token);
    expect(await socket.emitWithAck("subscribe", { projectId: f.project.id })).toEqual({ ok: true });
    expect(await socket.emitWithAck("subscribe", { projectId: randomUUID() })).toEqual({
      ok: false,
      error: "forbidden",
    });
    // The same claims signed with another key, and the token with its signature altered.
    const [header, payload] = token.split(".");
    await expect(open(`${header}.${payload}.${"A".repeat(43)}`)).rejects.toThrow(/unauthorized/);
    const unsigned = `${Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")}.${payload}.`;
    await expect(open(unsigned)).rejects.toThrow(/unauthorized/);
  });
});
