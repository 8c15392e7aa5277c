import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import pino from "pino";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REALTIME_MESSAGE, REALTIME_TOKEN_AUDIENCE, type RealtimeEvent } from "./contract";
import { createRealtimeServer, type RealtimeServer } from "./server";

const secret = "s".repeat(40);
const mine = randomUUID();
const theirs = randomUUID();
const run = randomUUID();
let server: RealtimeServer;
let url: string;
const sockets: Socket[] = [];

function token(projects: string[], { key = secret, expiresIn = "5m" } = {}) {
  return new SignJWT({ projects })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject("user-1")
    .setAudience(REALTIME_TOKEN_AUDIENCE)
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(key));
}

function open(auth: Record<string, unknown>): Promise<Socket> {
  const socket = connect(url, { auth, transports: ["websocket"], reconnection: false, forceNew: true });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

const subscribe = (socket: Socket, room: { projectId: string; runId?: string }) =>
  socket.emitWithAck("subscribe", room) as Promise<{ ok: boolean; error?: string }>;

function publish(event: unknown, key = secret) {
  return fetch(`${url}/publish`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(event),
  });
}

function received(socket: Socket): RealtimeEvent[] {
  const events: RealtimeEvent[] = [];
  socket.on(REALTIME_MESSAGE, (event: RealtimeEvent) => events.push(event));
  return events;
}

beforeAll(async () => {
  server = createRealtimeServer({ secret, logger: pino({ level: "silent" }) });
  await new Promise<void>((resolve) => server.http.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await server.close();
});

describe("realtime sidecar", () => {
  it("answers its health check", async () => {
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", pid: process.pid });
  });

  it("refuses a socket without a valid token", async () => {
    await expect(open({})).rejects.toThrow(/unauthorized/);
    await expect(open({ token: await token([mine], { key: "x".repeat(40) }) })).rejects.toThrow(/unauthorized/);
    await expect(open({ token: await token([mine], { expiresIn: "-1m" }) })).rejects.toThrow(/unauthorized/);
  });

  it("admits a socket only to the projects its token names", async () => {
    const socket = await open({ token: await token([mine]) });
    expect(await subscribe(socket, { projectId: mine })).toEqual({ ok: true });
    expect(await subscribe(socket, { projectId: theirs })).toEqual({ ok: false, error: "forbidden" });
    expect(await subscribe(socket, { projectId: "not-a-uuid" })).toEqual({ ok: false, error: "invalid subscription" });
  });

  it("relays published events to the project's subscribers only", async () => {
    const watcher = await open({ token: await token([mine]) });
    const outsider = await open({ token: await token([theirs]) });
    await subscribe(watcher, { projectId: mine });
    await subscribe(outsider, { projectId: theirs });
    const seen = received(watcher);
    const leaked = received(outsider);

    const response = await publish({
      type: "agent.run.started",
      projectId: mine,
      runId: run,
      seq: 1,
      data: { state: "planning" },
    });
    expect(response.status).toBe(202);
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]).toEqual({
      type: "agent.run.started",
      projectId: mine,
      runId: run,
      seq: 1,
      data: { state: "planning" },
    });
    expect(leaked).toEqual([]);
  });

  it("scopes run rooms by project, so naming the wrong project receives nothing", async () => {
    const honest = await open({ token: await token([mine]) });
    const guesser = await open({ token: await token([theirs]) });
    await subscribe(honest, { projectId: mine, runId: run });
    // The guesser may see `theirs`, and claims the run belongs to it.
    expect(await subscribe(guesser, { projectId: theirs, runId: run })).toEqual({ ok: true });
    const seen = received(honest);
    const leaked = received(guesser);
    await publish({ type: "validation.started", projectId: mine, runId: run, seq: 2 });
    await expect.poll(() => seen.length).toBe(1);
    expect(leaked).toEqual([]);
  });

  it("accepts events only from the app, and only well-formed ones", async () => {
    expect((await publish({ type: "pr.created", projectId: mine }, "y".repeat(40))).status).toBe(401);
    expect((await publish({ type: "made.up", projectId: mine })).status).toBe(400);
    expect((await publish({ type: "pr.created", projectId: "nope" })).status).toBe(400);
  });
});
