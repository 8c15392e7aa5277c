import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REALTIME_TOKEN_AUDIENCE, type RealtimeEvent } from "@/realtime/contract";
import { createRealtimeServer, type RealtimeServer } from "@/realtime/server";
import { RealtimeClient } from "./realtime-client";

// The browser client against a real sidecar and a token endpoint that signs what it is
// asked for (the app's route is tested in app/api/realtime/token).
const secret = "c".repeat(40);
const projectA = randomUUID();
const projectB = randomUUID();
const run = randomUUID();
let sidecar: RealtimeServer;
let port: number;
let tokenServer: Server;
const tokenRequests: string[][] = [];

async function startSidecar(listenPort: number) {
  sidecar = createRealtimeServer({ secret, logger: pino({ level: "silent" }) });
  await new Promise<void>((resolve) => sidecar.http.listen(listenPort, "127.0.0.1", resolve));
  port = (sidecar.http.address() as AddressInfo).port;
}

function publish(event: Partial<RealtimeEvent>) {
  return fetch(`http://127.0.0.1:${port}/publish`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify(event),
  });
}

beforeAll(async () => {
  await startSidecar(0);
  tokenServer = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const { projectIds } = JSON.parse(Buffer.concat(chunks).toString()) as { projectIds: string[] };
    tokenRequests.push(projectIds);
    const token = await new SignJWT({ projects: projectIds })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("u")
      .setAudience(REALTIME_TOKEN_AUDIENCE)
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode(secret));
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ token, url: `http://127.0.0.1:${port}` }));
  });
  await new Promise<void>((resolve) => tokenServer.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  await sidecar.close();
  tokenServer.close();
});

describe("RealtimeClient", () => {
  it("joins rooms, flags seq gaps, widens its token, and resyncs after the sidecar restarts", async () => {
    const client = new RealtimeClient(`http://127.0.0.1:${(tokenServer.address() as AddressInfo).port}/token`);
    const events: { event: RealtimeEvent; missedAfter: number | null }[] = [];
    let resyncs = 0;
    client.listen({ onEvent: (event, missedAfter) => events.push({ event, missedAfter }), onResync: () => resyncs++ });
    const leave = client.join({ projectId: projectA });
    await expect.poll(() => resyncs, { timeout: 10_000 }).toBe(1);

    client.noteSeq(run, 3);
    await publish({ type: "agent.run.started", projectId: projectA, runId: run, seq: 4 });
    await publish({ type: "validation.started", projectId: projectA, runId: run, seq: 7 });
    await expect.poll(() => events.length).toBe(2);
    expect(events.map(({ event, missedAfter }) => [event.seq, missedAfter])).toEqual([
      [4, null],
      [7, 4],
    ]);
    expect(client.lastSeq(run)).toBe(7);

    // A project outside the token: the client reconnects with a token naming both.
    client.join({ projectId: projectB });
    await expect.poll(() => tokenRequests.at(-1)).toEqual([projectA, projectB].sort());
    await expect.poll(() => resyncs, { timeout: 10_000 }).toBe(2);
    await publish({ type: "pr.created", projectId: projectB });
    await expect.poll(() => events.at(-1)?.event.projectId).toBe(projectB);

    // The sidecar dies and comes back on the same port: the client reconnects by itself,
    // with a new token, and tells its listeners to refetch.
    const before = tokenRequests.length;
    await sidecar.close();
    await startSidecar(port);
    await expect.poll(() => resyncs, { timeout: 20_000 }).toBe(3);
    expect(tokenRequests.length).toBeGreaterThan(before);
    await publish({ type: "agent.run.completed", projectId: projectA, runId: run, seq: 8 });
    await expect.poll(() => events.at(-1)?.event.seq).toBe(8);
    expect(events.at(-1)?.missedAfter).toBeNull();
    leave();
  });
});
