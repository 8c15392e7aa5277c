import { randomBytes } from "node:crypto";
import { Inngest } from "inngest";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineClient } from "@/testing/local-engine/engine-client";
import { startTestApp, syncApp, type TestApp } from "@/testing/local-engine/test-app";
import { createTestDatabase, type TestDatabase } from "@/testing/local-engine/test-store";
import { createEngine, type Engine } from "./create-engine";
import type { EngineStore } from "./store";

// The engine authenticated like Inngest, against the real SDK out of dev mode: events only
// with the event key, calls to the app signed with the signing key (the SDK verifies them),
// the SDK's sync and the REST API only with the signing key as the bearer token.

const eventKey = randomBytes(32).toString("hex");
const signingKey = `signkey-local-${randomBytes(32).toString("hex")}`;

describe("local Inngest engine: event and signing keys", () => {
  let db: TestDatabase;
  let store: EngineStore;
  let engine: Engine;
  let app: TestApp;
  let inngest: Inngest;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = await db.openStore();
    engine = await createEngine({ port: 0, store, auth: { eventKey, signingKey } });
    inngest = new Inngest({
      id: "auth-test",
      isDev: false,
      baseUrl: engine.url,
      eventKey,
      signingKey,
      logger: pino({ level: "silent" }),
    });
    const echo = inngest.createFunction({ id: "echo", triggers: { event: "test/echo" } }, async ({ event, step }) => {
      const copied = await step.run("copy", () => event.data);
      return copied;
    });
    app = await startTestApp(inngest, [echo]);
    await syncApp(app.url);
  });

  afterAll(async () => {
    await app?.close();
    await engine?.stop();
    await store?.close();
    await db?.drop();
  });

  it("refuses events without the event key with 401, and runs those with it through signed calls", async () => {
    for (const path of ["/e/wrong-key", "/e/", `/e/${eventKey.slice(1)}`]) {
      const forged = await fetch(`${engine.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "test/echo", data: {} }),
      });
      expect([path, forged.status]).toEqual([path, path === "/e/" ? 404 : 401]);
    }
    // Keys out of order and numeric-looking ones: the signed body is the canonical form the SDK checks.
    const data = { zeta: 1, alpha: { "10": "ten", "2": "two", b: [3, { y: null, x: "é" }] } };
    const { ids } = await inngest.send({ name: "test/echo", data });
    const api = engineClient(engine.url, { signingKey });
    const [started] = await api.runsStarted(ids[0] ?? "");
    const ended = await api.runEnded(started?.run_id ?? "");
    expect(ended).toMatchObject({ status: "Completed", output: data });
    // Inngest's list of events, by name and time received (what reconciliation looks up).
    const since = new Date(Date.now() - 60_000).toISOString();
    const listed = await fetch(`${engine.url}/v1/events?name=test%2Fecho&received_after=${since}`, {
      headers: { authorization: `Bearer ${signingKey}` },
    });
    expect(((await listed.json()) as { data: unknown[] }).data).toEqual([
      expect.objectContaining({ internal_id: ids[0], name: "test/echo", data }),
    ]);
  });

  it("the app refuses unsigned and badly signed calls", async () => {
    const body = JSON.stringify({ event: { name: "test/echo", data: {} }, steps: {}, ctx: { run_id: "x" } });
    const url = `${app.url}?fnId=auth-test-echo&stepId=step`;
    const unsigned = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(unsigned.status).toBe(401);
    const t = Math.floor(Date.now() / 1000);
    const forged = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-inngest-signature": `t=${t}&s=${"0".repeat(64)}` },
      body,
    });
    expect(forged.status).toBe(401);
  });

  it("takes a sync and serves the REST API only with the signing key", async () => {
    const register = await fetch(`${engine.url}/fn/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ url: app.url, appName: "intruder", functions: [] }),
    });
    expect(register.status).toBe(401);
    expect((await fetch(`${engine.url}/v1/runs/01ANYTHING`)).status).toBe(401);
    expect((await fetch(`${engine.url}/v1/events?name=test%2Fecho`)).status).toBe(401);
    const wrong = await fetch(`${engine.url}/v1/runs/01ANYTHING`, { headers: { authorization: "Bearer signkey-x" } });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${engine.url}/v1/runs/01ANYTHING`, {
      headers: { authorization: `Bearer ${signingKey}` },
    });
    expect(right.status).toBe(404);
    // Checkpoints too: the SDK posts them with its hashed signing key.
    const checkpoint = { method: "POST", body: JSON.stringify({ qi_id: "1:x", steps: [] }) };
    expect((await fetch(`${engine.url}/v1/checkpoint/01ANYTHING/async`, checkpoint)).status).toBe(401);
    const signed = await fetch(`${engine.url}/v1/checkpoint/01ANYTHING/async`, {
      ...checkpoint,
      headers: { authorization: `Bearer ${signingKey}` },
    });
    expect(signed.status).toBe(400);
    // The SDK's own sync (hashed key as bearer) is accepted: the app was synced in beforeAll.
    const health = (await (await fetch(`${engine.url}/health`)).json()) as { apps: Array<{ id: string }> };
    expect(health.apps.map((entry) => entry.id)).toEqual(["auth-test"]);
  });
});
