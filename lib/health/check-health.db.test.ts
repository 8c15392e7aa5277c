import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createTestDatabase } from "@/testing/database";
import { checkHealth, databaseProbe, realtimeProbe } from "./check-health";

let handle: DatabaseHandle;
let sidecar: Server;
let sidecarUrl: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  sidecar = createServer((_req, res) => res.end('{"status":"ok"}'));
  await new Promise<void>((resolve) => sidecar.listen(0, "127.0.0.1", resolve));
  sidecarUrl = `http://127.0.0.1:${(sidecar.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await handle.close();
  sidecar.close();
});

describe("checkHealth", () => {
  it("is ok when every component answers", async () => {
    const health = await checkHealth({ database: databaseProbe(handle.db), realtime: realtimeProbe(sidecarUrl) });
    expect(health.status).toBe("ok");
    expect(health.down).toEqual([]);
    expect(health.degraded).toEqual([]);
    expect(health.checks.database!.ok).toBe(true);
  });

  it("names each component that is down", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const health = await checkHealth({
      database: databaseProbe(handle.db),
      realtime: realtimeProbe(`http://127.0.0.1:${port}`),
    });
    expect(health.status).toBe("down");
    expect(health.down).toEqual(["realtime"]);
    expect(health.checks.realtime!.error).toBeTruthy();
  });

  it("is degraded, not down, when only an optional component is not up", async () => {
    const refused = async () => {
      throw new Error("connect ECONNREFUSED");
    };
    const health = await checkHealth(
      { database: databaseProbe(handle.db), realtime: realtimeProbe(sidecarUrl), inngest: refused },
      { optional: ["inngest"] },
    );
    expect(health).toMatchObject({ status: "degraded", down: [], degraded: ["inngest"] });
    const both = await checkHealth({ database: refused, inngest: refused }, { optional: ["inngest"] });
    expect(both).toMatchObject({ status: "down", down: ["database"], degraded: ["inngest"] });
  });
});
