import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { createProcessDriver } from "@/lib/sandbox/process-driver";
import { type DevServer, superviseDevServer } from "@/lib/studio/supervise-dev-server";
import { studioSettings } from "@/lib/studio/studio-settings";
import { makeWorkspace } from "@/testing/sandbox-test-kit";

// The health checks of a studio dev server against real servers on real ports: one that
// answers every page with 500 (what `next dev` does after an edit that breaks the build) is
// up, not hung; one that stops answering at all is restarted.

// Answers `/` with STATUS; once a file named `hang` exists in its folder, accepts requests and never answers.
const server = `
const fs = require("node:fs");
require("node:http")
  .createServer((req, res) => {
    if (fs.existsSync("hang")) return;
    res.writeHead(Number(process.env.STATUS)).end("page");
  })
  .listen(Number(process.env.PORT), "127.0.0.1");
`;

const settings = studioSettings({
  maxRestarts: 2,
  readyTimeoutMs: 10_000,
  healthIntervalMs: 100,
  hangChecks: 3,
  probeTimeoutMs: 300,
});
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });

async function start(status: number): Promise<{ dev: DevServer; dir: string; restarting: string[] }> {
  const workspace = makeWorkspace();
  fs.writeFileSync(path.join(workspace.dir, "server.js"), server);
  const restarting: string[] = [];
  const started = await superviseDevServer({
    sandbox: createProcessDriver({ killGraceMs: 300 }),
    command: "node server.js",
    cwd: workspace.dir,
    port: await freePort(),
    env: { STATUS: String(status) },
    redact: [],
    settings,
    events: { onRestarting: (_restarts, reason) => void restarting.push(reason) },
  });
  if (!started.ok) throw new Error(started.message);
  cleanups.push(() => started.server.stop(), workspace.remove);
  return { dev: started.server, dir: workspace.dir, restarting };
}

describe("superviseDevServer's health checks", () => {
  it("starts a server whose page is an error, and keeps it: an error page is an answer", async () => {
    const { dev, restarting } = await start(500);
    // Many more checks than make a hang.
    await sleep(settings.healthIntervalMs * settings.hangChecks * 5);
    expect(restarting).toEqual([]);
    expect(dev.restarts()).toBe(0);
    expect(dev.running()).toBe(true);
  });

  it("restarts a server that stops answering", async () => {
    const { dev, dir, restarting } = await start(200);
    fs.writeFileSync(path.join(dir, "hang"), "");
    await expect.poll(() => restarting.length, { timeout: 10_000 }).toBe(1);
    expect(restarting[0]).toMatch(/stopped answering \(3 checks in a row/);
    // The restarted server answers again (as a dev server would after a hang).
    fs.rmSync(path.join(dir, "hang"));
    await expect
      .poll(() => fetch(`http://127.0.0.1:${dev.port}/`).then((r) => r.status), { timeout: 10_000 })
      .toBe(200);
    expect(dev.restarts()).toBe(1);
    expect(dev.running()).toBe(true);
  });
});
