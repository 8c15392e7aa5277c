import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import pino from "pino";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { env } from "@/lib/platform/env";
import { REALTIME_MESSAGE, REALTIME_TOKEN_AUDIENCE, type RealtimeEvent } from "./contract";
import { createPostgresAdapter } from "./postgres-adapter";
import { createRealtimeServer, type RealtimeServer } from "./server";

// Several sidecars on one Postgres: an event published once (by the app through
// @socket.io/postgres-emitter, or to one sidecar over HTTP) reaches browsers on every
// sidecar. Needs real Postgres (LISTEN/NOTIFY): scripts/with-postgres.sh npx vitest run <this file>.
const url = env.DATABASE_URL;
const secret = "s".repeat(40);
const mine = randomUUID();
const theirs = randomUUID();
const logger = pino({ level: "silent" });
const sidecars: { server: RealtimeServer; url: string; close: () => Promise<void> }[] = [];
const sockets: Socket[] = [];

const token = (projects: string[]) =>
  new SignJWT({ projects })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject("user-1")
    .setAudience(REALTIME_TOKEN_AUDIENCE)
    .setExpirationTime("5m")
    .sign(new TextEncoder().encode(secret));

async function watch(sidecarUrl: string, projectId: string): Promise<RealtimeEvent[]> {
  const socket = connect(sidecarUrl, {
    auth: { token: await token([projectId]) },
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => socket.once("connect", () => resolve()).once("connect_error", reject));
  expect(await socket.emitWithAck("subscribe", { projectId })).toEqual({ ok: true });
  const events: RealtimeEvent[] = [];
  socket.on(REALTIME_MESSAGE, (event: RealtimeEvent) => events.push(event));
  return events;
}

describe.skipIf(!url)("realtime sidecars sharing Postgres", () => {
  let a: RealtimeEvent[];
  let b: RealtimeEvent[];
  let outsider: RealtimeEvent[];

  beforeAll(async () => {
    // socket_io_attachments comes from the app's migrations.
    const handle = openDatabase({ url: url!, max: 1 });
    await migrateDatabase(handle);
    await handle.close();
    for (let i = 0; i < 2; i++) {
      const postgres = createPostgresAdapter({ url: url!, logger });
      const server = createRealtimeServer({ secret, logger, adapter: postgres.adapter });
      await new Promise<void>((resolve) => server.http.listen(0, "127.0.0.1", resolve));
      sidecars.push({
        server,
        url: `http://127.0.0.1:${(server.http.address() as AddressInfo).port}`,
        close: async () => (await server.close(), await postgres.close()),
      });
    }
    a = await watch(sidecars[0]!.url, mine);
    b = await watch(sidecars[1]!.url, mine);
    outsider = await watch(sidecars[1]!.url, theirs);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all(sidecars.map((sidecar) => sidecar.close()));
  });

  it("delivers an event the app publishes once to the project's browsers on every sidecar", async () => {
    const { publish } = await import("@/lib/platform/realtime");
    const run = randomUUID();
    // The adapters LISTEN asynchronously after start: publish until the first arrives.
    await expect
      .poll(
        async () => {
          await publish({
            type: "agent.run.started",
            projectId: mine,
            runId: run,
            seq: 1,
            data: { state: "planning" },
          });
          return a.length > 0 && b.length > 0;
        },
        { timeout: 10_000, interval: 200 },
      )
      .toBe(true);
    const completed = (events: RealtimeEvent[]) => events.filter((event) => event.type === "agent.run.completed");
    await publish({ type: "agent.run.completed", projectId: mine, runId: run, seq: 2, data: { state: "merged" } });
    await expect.poll(() => [completed(a).length, completed(b).length], { timeout: 10_000 }).toEqual([1, 1]);
    // Exactly once each: wait a moment for a duplicate that should not come.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(completed(a)).toEqual([
      { type: "agent.run.completed", projectId: mine, runId: run, seq: 2, data: { state: "merged" } },
    ]);
    expect(completed(b)).toEqual(completed(a));
    expect(outsider).toEqual([]);
  });

  it("publishes an event too large for NOTIFY with its data cut to the state change", async () => {
    const { publish } = await import("@/lib/platform/realtime");
    const before = { a: a.length, b: b.length };
    await publish({
      type: "plan.proposed",
      projectId: mine,
      runId: randomUUID(),
      seq: 3,
      data: { event: "state.changed", state: "awaiting_approval", big: "x".repeat(20_000) },
    });
    await expect.poll(() => [a.length - before.a, b.length - before.b], { timeout: 10_000 }).toEqual([1, 1]);
    expect(b.at(-1)?.data).toEqual({ event: "state.changed", state: "awaiting_approval", truncated: true });
  });

  it("relays a large event between sidecars through socket_io_attachments", async () => {
    const before = { a: a.length, b: b.length };
    const big = "x".repeat(20_000);
    const response = await fetch(`${sidecars[0]!.url}/publish`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ type: "plan.proposed", projectId: mine, data: { big } }),
    });
    expect(response.status).toBe(202);
    await expect.poll(() => [a.length - before.a, b.length - before.b], { timeout: 10_000 }).toEqual([1, 1]);
    expect(b.at(-1)?.data.big).toBe(big);
    expect(outsider).toEqual([]);
  });

  it("relays an event POSTed to one sidecar to the browsers on the other", async () => {
    const before = { a: a.length, b: b.length };
    const response = await fetch(`${sidecars[0]!.url}/publish`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ type: "pr.created", projectId: mine }),
    });
    expect(response.status).toBe(202);
    await expect.poll(() => [a.length - before.a, b.length - before.b], { timeout: 10_000 }).toEqual([1, 1]);
    expect(b.at(-1)).toMatchObject({ type: "pr.created", projectId: mine });
    expect(outsider).toEqual([]);
  });
});
