import { existsSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import os from "node:os";
import { createServer, type Server } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bwrapVariants, makeWorkspace, processesWith, uniqueSleep } from "@/testing/sandbox-test-kit";

const repositoryRoot = path.resolve(import.meta.dirname, "../..");

// Isolation only bubblewrap provides. Skipped where bwrap is missing or does not work.
describe.each(bwrapVariants())("$label isolation", ({ driver }) => {
  let workspace: ReturnType<typeof makeWorkspace>;
  let outside: ReturnType<typeof makeWorkspace>;
  beforeAll(() => {
    workspace = makeWorkspace();
    outside = makeWorkspace();
  });
  afterAll(() => {
    workspace.remove();
    outside.remove();
  });
  const run = (command: string, options: Omit<Parameters<typeof driver.run>[0], "command" | "cwd"> = {}) =>
    driver.run({ command, cwd: workspace.dir, ...options });

  it("can write in the workspace, and the host sees it", async () => {
    const result = await run("echo inside > from-sandbox.txt");
    expect(result.exitCode).toBe(0);
    expect(existsSync(path.join(workspace.dir, "from-sandbox.txt"))).toBe(true);
  });

  it("cannot write outside the workspace", async () => {
    const targets = [
      "/etc/mergeline-x",
      `${repositoryRoot}/mergeline-escape-x`,
      "/usr/mergeline-x",
      `${outside.dir}/x`,
      "/mergeline-x",
    ];
    for (const target of targets) {
      const result = await run(`touch ${target}`);
      expect(result.exitCode, target).not.toBe(0);
      expect(existsSync(target), target).toBe(false);
    }
  });

  it("gets no write access through a symlink in the workspace that points outside", async () => {
    symlinkSync(outside.dir, path.join(workspace.dir, "to-outside"));
    symlinkSync("/etc", path.join(workspace.dir, "to-etc"));
    const result = await run("touch to-outside/x; touch to-etc/x; ls to-outside");
    expect(result.output).toMatch(/to-outside\/x.*No such file or directory/);
    expect(result.output).toMatch(/to-etc\/x.*Read-only file system/);
    expect(readdirSync(outside.dir)).toEqual([]);
    expect(existsSync("/etc/x")).toBe(false);
  });

  it("cannot write into the host's home directory through a symlink", async () => {
    const home = os.homedir();
    const marker = `mergeline-escape-${process.pid}`;
    symlinkSync(home, path.join(workspace.dir, "to-home"));
    const result = await run(`echo pwned > to-home/${marker}; echo pwned >> to-home/.bashrc; ls to-home/`);
    expect(result.output).toMatch(/to-home\/.*(No such file or directory|Read-only file system)/);
    expect(existsSync(path.join(home, marker))).toBe(false);
    expect(
      existsSync(path.join(home, ".bashrc")) ? readFileSync(path.join(home, ".bashrc"), "utf8") : "",
    ).not.toContain("pwned");
  });

  it("cannot read host secrets in /etc or other host directories", async () => {
    const result = await run("cat /etc/shadow; ls /root");
    expect(result.output).toMatch(/\/etc\/shadow: No such file or directory/);
    expect(result.output).toMatch(/\/root.*No such file or directory/);
  });

  it("runs as uid 1000 with no capabilities", async () => {
    const result = await run("id -u; grep CapEff /proc/self/status");
    expect(result.output).toBe("1000\nCapEff:\t0000000000000000\n");
  });

  it("sees only its own processes (PID namespace)", async () => {
    const result = await run("ps -e -o pid=,comm=");
    const processes = result.output
      .trim()
      .split("\n")
      .map((line) => line.trim());
    // bwrap as PID 1, the shell, ps itself.
    expect(processes.length).toBeLessThanOrEqual(3);
    expect(processes[0]).toMatch(/^1 bwrap$/);
    expect(result.output).not.toContain("vitest");
    expect(result.output).not.toContain("node");
  });

  it("has a private /tmp and HOME that do not outlive the command", async () => {
    const first = await run('echo kept > "$HOME/file" && echo x > /tmp/file && echo "$HOME"');
    expect(first.output).toBe("/tmp/home\n");
    const second = await run('ls "$HOME" /tmp');
    expect(second.output).not.toContain("file");
    expect(existsSync("/tmp/home/file")).toBe(false);
  });

  describe("network", () => {
    let server: Server;
    let port: number;
    beforeAll(async () => {
      server = createServer((socket) => socket.end("hello from the host\n"));
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const address = server.address();
      port = typeof address === "object" && address ? address.port : 0;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const connect = () =>
      `node -e "require('net').connect(${port}, '127.0.0.1').on('data', (d) => process.stdout.write(String(d))).on('error', (e) => console.log('failed', e.code))"`;

    it("cannot reach the host's loopback without network", async () => {
      const result = await run(connect(), { network: false, timeoutMs: 10_000 });
      expect(result.output).toContain("failed ECONNREFUSED");
    });

    it("cannot reach it with network either (see sandbox-network.test.ts for the outside world)", async () => {
      const result = await run(connect(), { network: true, timeoutMs: 10_000 });
      expect(result.output).toMatch(/^failed ECONNREFUSED\n/);
    });

    it("reaches it when the command is given its port", async () => {
      const result = await run(connect(), { hostPorts: [port], timeoutMs: 10_000 });
      expect(result.output).toBe("hello from the host\n");
    });
  });

  it("takes everything in the sandbox down with bwrap, whatever it forks", async () => {
    const token = uniqueSleep();
    // A daemon: double fork, new session, SIGTERM and SIGHUP ignored, environment cleared,
    // output closed: invisible to process groups, parentage, tags and pipes. Only the PID
    // namespace (or the cgroup) still holds it.
    const daemon = `(env -i setsid sh -c 'trap "" TERM HUP; exec sleep ${token} </dev/null >/dev/null 2>&1' &) ; echo started`;
    const result = await run(daemon);
    expect(result.output).toBe("started\n");
    expect(result.durationMs).toBeLessThan(2000);
    expect(processesWith(token)).toEqual([]);
  });
});
