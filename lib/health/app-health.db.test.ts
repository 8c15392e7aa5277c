import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createTestDatabase } from "@/testing/database";

// The app's health as GET /api/health answers it: "degraded" (not "down") naming the
// embedded engine while only the engine is away, with since when; answered from a recent
// check while a new one waits for a busy database.

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
};
const ok = () => createServer((_req, res) => res.end('{"status":"ok"}'));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let handle: DatabaseHandle;
let engine: Server;
let enginePort = 0;
let sidecar: Server;
let getAppHealth: typeof import("./app-health").getAppHealth;
let getEngineStatus: typeof import("./engine-status").getEngineStatus;

beforeAll(async () => {
  sidecar = ok();
  engine = ok();
  enginePort = await listen(engine);
  vi.stubEnv("REALTIME_PORT", String(await listen(sidecar)));
  vi.stubEnv("INNGEST_PORT", String(enginePort));
  vi.stubEnv("MERGELINE_EMBEDDED_INNGEST", "1");
  vi.resetModules();
  handle = await createTestDatabase();
  (await import("@/db")).setDatabaseHandle(handle);
  ({ getAppHealth } = await import("./app-health"));
  ({ getEngineStatus } = await import("./engine-status"));
});
afterAll(async () => {
  sidecar.close();
  engine.close();
  await handle?.close();
  vi.unstubAllEnvs();
});

describe("getAppHealth", () => {
  it("is ok with every component up, then degraded naming the engine while it is away", async () => {
    expect(await getAppHealth()).toMatchObject({ status: "ok", down: [], degraded: [] });
    engine.closeAllConnections();
    await new Promise((resolve) => engine.close(resolve));
    // Within a second the last check still answers; then a new check finds the engine gone
    // (it runs beside the answers, so a busy machine may take a few polls to show it).
    await pause(1100);
    let degraded = await getAppHealth();
    for (let polls = 0; degraded.status !== "degraded" && polls < 100; polls++) {
      await pause(50);
      degraded = await getAppHealth();
    }
    expect(degraded).toMatchObject({ status: "degraded", down: [], degraded: ["inngest"] });
    expect(degraded.downSince.inngest).toEqual(expect.any(String));
    const status = await getEngineStatus();
    expect(status).toMatchObject({ ok: false, downSince: expect.any(Date) });
    // Since when stays put while the engine stays away.
    await pause(1100);
    expect((await getEngineStatus({ maxAgeMs: 0 }))?.downSince).toEqual(status?.downSince);

    engine = ok();
    await new Promise<void>((resolve) => engine.listen(enginePort, "127.0.0.1", resolve));
    expect(await getEngineStatus({ maxAgeMs: 0 })).toEqual({ ok: true, downSince: null });
  });

  it("answers from a recent check, at once, while a new check waits for a busy database", async () => {
    await pause(1100);
    // A transaction holds the embedded database: the check's `select 1` waits behind it.
    let release = () => {};
    let holding: Promise<void> = Promise.resolve();
    await new Promise<void>((begun) => {
      holding = handle.db.transaction(
        () =>
          new Promise<void>((resolve) => {
            release = resolve;
            begun();
          }),
      );
    });
    const started = performance.now();
    const health = await getAppHealth();
    expect(performance.now() - started).toBeLessThan(100);
    expect(health.status).not.toBe("down");
    release();
    await holding;
  });
});
