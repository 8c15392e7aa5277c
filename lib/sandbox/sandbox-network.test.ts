import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { lookup } from "node:dns/promises";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBwrapDriver } from "@/lib/sandbox/bwrap-driver";
import { findExecutable } from "@/lib/sandbox/find-executable";
import { findSandboxNetwork } from "@/lib/sandbox/find-sandbox-network";
import { startService } from "@/lib/sandbox/start-service";
import { bwrapProbe, makeWorkspace } from "@/testing/sandbox-test-kit";

// The sandbox's network reaches the outside world but not the host's loopback. "Outside" is
// a server in a network namespace of its own, behind a veth pair, as another machine would
// be; "the app" is a server on the host's 127.0.0.1. Needs root, bubblewrap, slirp4netns
// and iproute2.
const network = findSandboxNetwork();
const canRun = bwrapProbe.ok && network.slirpPath !== null && findExecutable("ip") !== null;

const tag = `${process.pid % 100_000}`;
const netns = `mlnet${tag}`;
const hostEnd = `mlh${tag}`;
const outsideEnd = `mlo${tag}`;
const subnet = `10.254.${process.pid % 250}`;
const outsideAddress = `${subnet}.2`;
const outsidePort = 18_080;

const ip = (...args: string[]) => execFileSync("ip", args, { stdio: ["ignore", "pipe", "pipe"] });

function listenOnLoopback(reply: string): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => socket.end(reply));
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({ server, port: typeof address === "object" && address ? address.port : 0 });
    }),
  );
}

const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

// Prints what a TCP server at host:port says, or "failed <code>".
const connect = (host: string, port: number) =>
  `node -e "require('net').connect(${port}, '${host}').on('data', (d) => process.stdout.write(String(d))).on('error', (e) => console.log('failed', e.code)).setTimeout(3000, () => { console.log('failed timeout'); process.exit(); })"`;

describe.runIf(canRun)("sandbox network (slirp4netns)", () => {
  const driver = createBwrapDriver({ network });
  let workspace: ReturnType<typeof makeWorkspace>;
  let outside: ChildProcess;
  let app: { server: Server; port: number };

  beforeAll(async () => {
    workspace = makeWorkspace();
    ip("netns", "add", netns);
    ip("link", "add", hostEnd, "type", "veth", "peer", "name", outsideEnd);
    ip("link", "set", outsideEnd, "netns", netns);
    ip("addr", "add", `${subnet}.1/30`, "dev", hostEnd);
    ip("link", "set", hostEnd, "up");
    ip("-n", netns, "addr", "add", `${outsideAddress}/30`, "dev", outsideEnd);
    ip("-n", netns, "link", "set", outsideEnd, "up");
    ip("-n", netns, "link", "set", "lo", "up");
    outside = spawn(
      "ip",
      [
        "netns",
        "exec",
        netns,
        process.execPath,
        "-e",
        `require('net').createServer((s) => s.end('hello from outside\\n')).listen(${outsidePort}, '${outsideAddress}', () => console.log('ready'))`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise<void>((resolve) => outside.stdout?.once("data", () => resolve()));
    app = await listenOnLoopback("hello from the app\n");
  });

  afterAll(async () => {
    outside?.kill("SIGKILL");
    await closeServer(app.server);
    // Deleting the namespace deletes the veth end in it, and with it the host's end.
    try {
      ip("netns", "del", netns);
    } catch {
      // Never created.
    }
    try {
      ip("link", "del", hostEnd);
    } catch {
      // Already gone with its peer.
    }
    workspace.remove();
  });

  const run = (command: string, options: { network?: boolean; hostPorts?: number[] } = {}) =>
    driver.run({ command, cwd: workspace.dir, timeoutMs: 20_000, ...options });

  it("reaches the outside world with network", async () => {
    const result = await run(connect(outsideAddress, outsidePort), { network: true });
    expect(result.output).toBe("hello from outside\n");
  });

  it("does not reach the host's loopback with network: not at 127.0.0.1, not through the gateway", async () => {
    const own = await run(connect("127.0.0.1", app.port), { network: true });
    expect(own.output).toBe("failed ECONNREFUSED\n");
    const gateway = await run(connect("10.0.2.2", app.port), { network: true });
    expect(gateway.output).toMatch(/^failed (ECONNREFUSED|ECONNRESET|ENETUNREACH|EHOSTUNREACH|timeout)\n$/);
  });

  it("reaches nothing without network", async () => {
    const result = await run(connect(outsideAddress, outsidePort), { network: false });
    expect(result.output).toMatch(/^failed (ENETUNREACH|EHOSTUNREACH)\n$/);
  });

  it("resolves names through slirp4netns's resolver", async () => {
    const conf = await run("cat /etc/resolv.conf", { network: true });
    expect(conf.output).toMatch(/^nameserver 10\.0\.2\.3$/m);
    const hostResolves = await lookup("registry.npmjs.org").then(
      () => true,
      () => false,
    );
    if (!hostResolves) return;
    const resolved = await run("getent hosts registry.npmjs.org", { network: true });
    expect(resolved.output).toMatch(/registry\.npmjs\.org/);
  });

  it("reaches only the host ports it is given", async () => {
    const other = await listenOnLoopback("hello from another preview\n");
    try {
      const result = await run(`${connect("127.0.0.1", app.port)}; ${connect("127.0.0.1", other.port)}`, {
        hostPorts: [app.port],
      });
      expect(result.output).toBe("hello from the app\nfailed ECONNREFUSED\n");
    } finally {
      await closeServer(other.server);
    }
  });

  it("serves a published port on the host's loopback, and stops serving when the command ends", async () => {
    const port = (await listenOnLoopback("")).server;
    const address = port.address();
    const number = typeof address === "object" && address ? address.port : 0;
    await closeServer(port);
    const service = startService(driver, {
      command: `node -e "require('http').createServer((q, s) => s.end('preview ' + q.url)).listen(process.env.PORT, '127.0.0.1')"`,
      cwd: workspace.dir,
      env: { PORT: String(number) },
      network: true,
      publishedPorts: [number],
    });
    try {
      let body = "";
      for (let tries = 0; tries < 50 && !body; tries++) {
        body = await fetch(`http://127.0.0.1:${number}/page`).then(
          (response) => response.text(),
          () => "",
        );
        if (!body) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(body).toBe("preview /page");
      // Several at once, more than the relay keeps waiting.
      const bodies = await Promise.all(
        Array.from({ length: 12 }, (_, i) => fetch(`http://127.0.0.1:${number}/${i}`).then((r) => r.text())),
      );
      expect(bodies).toEqual(Array.from({ length: 12 }, (_, i) => `preview /${i}`));
    } finally {
      await service.stop();
    }
    await expect(fetch(`http://127.0.0.1:${number}/`)).rejects.toThrow();
  });

  it("refuses network rather than sharing the host's when slirp4netns is missing", async () => {
    const without = createBwrapDriver({ network: { slirpPath: null, reason: "slirp4netns is not installed" } });
    const result = await without.run({
      command: connect(outsideAddress, outsidePort),
      cwd: workspace.dir,
      network: true,
      timeoutMs: 20_000,
    });
    expect(result.output).toMatch(/^failed (ENETUNREACH|EHOSTUNREACH)\n/);
    expect(result.output).toContain(
      "[sandbox: network was requested but is not available here (slirp4netns is not installed); the command ran without it]",
    );
  });
});
