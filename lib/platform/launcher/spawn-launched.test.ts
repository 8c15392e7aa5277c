import fs from "node:fs";
import os from "node:os";
import type { Duplex } from "node:stream";
import { describe, expect, it } from "vitest";
import { type LaunchedChild, spawnLaunched } from "./spawn-launched";

const options = { cwd: os.tmpdir(), env: { PATH: "/usr/bin:/bin" } };

function collect(stream: Duplex | null | undefined): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    stream?.on("data", (chunk: Buffer) => (text += chunk.toString()));
    stream?.once("end", () => resolve(text));
  });
}
const closed = (child: LaunchedChild) =>
  new Promise<[number | null, string | null]>((resolve) =>
    child.once("close", (code, signal) => resolve([code, signal])),
  );

describe("spawnLaunched", () => {
  it("relays every pipe both ways, then the exit and the close", async () => {
    const child = spawnLaunched("sh", ["-c", 'read line; echo "got $line"; echo err >&2; echo three >&3; exit 4'], {
      ...options,
      stdio: ["pipe", "pipe", "pipe", "pipe"],
    });
    const outputs = Promise.all([collect(child.stdio[1]), collect(child.stdio[2]), collect(child.stdio[3])]);
    const exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
    const done = closed(child);
    expect(await child.ready).toEqual({});
    expect(child.pid).toBeGreaterThan(0);
    expect(child.pid).not.toBe(process.pid);
    child.stdio[0]?.end("hello\n");
    expect(await exited).toBe(4);
    expect(await done).toEqual([4, null]);
    expect(await outputs).toEqual(["got hello\n", "err\n", "three\n"]);
    expect(child.exitCode).toBe(4);
  });

  it("gives a pid that signals reach, detached in its own process group", async () => {
    const child = spawnLaunched("sh", ["-c", "sleep 30"], {
      ...options,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const done = closed(child);
    await child.ready;
    process.kill(-child.pid!, "SIGTERM");
    expect(await done).toEqual([null, "SIGTERM"]);
    expect(child.signalCode).toBe("SIGTERM");
  });

  it("reports what kept a command from starting, and closes", async () => {
    const missing = spawnLaunched("no-such-command-here", [], { ...options, stdio: ["ignore", "pipe", "pipe"] });
    const errors: Error[] = [];
    missing.on("error", (error) => errors.push(error));
    const done = closed(missing);
    const { error } = await missing.ready;
    expect(error).toMatchObject({ code: "ENOENT" });
    await done;
    expect(missing.pid).toBeUndefined();
    expect(errors).toHaveLength(1);

    const invalid = spawnLaunched("sh", ["-c", "echo \0"], { ...options, stdio: ["ignore", "pipe", "pipe"] });
    invalid.on("error", () => undefined);
    expect((await invalid.ready).error?.message).toMatch(/null bytes/);
  });

  it("holds back a command flooding its output while this process is busy: bounded memory, every byte", async () => {
    const bytes = 256 * 1024 * 1024;
    const child = spawnLaunched("head", ["-c", String(bytes), "/dev/zero"], {
      ...options,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let received = 0;
    child.stdio[1]?.on("data", (chunk: Buffer) => {
      received += chunk.length;
    });
    const done = closed(child);
    await child.ready;
    // The launcher: this process's child running the launcher's program (the command is its child, not ours).
    const launcher = fs
      .readdirSync("/proc")
      .filter((entry) => /^\d+$/.test(entry))
      .find((pid) => {
        try {
          const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
          const parent = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1];
          return parent === String(process.pid) && fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("spawned");
        } catch {
          return false; // gone since the listing
        }
      });
    const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${launcher}/status`, "utf8"))?.[1]) / 1024;
    // Busy for a second: nothing is read from the launcher meanwhile.
    const until = Date.now() + 1000;
    while (Date.now() < until) {}
    const busyRss = launcher ? rssMb() : 0;
    expect(await done).toEqual([0, null]);
    expect(received).toBe(bytes);
    expect(launcher).toBeDefined();
    expect(busyRss).toBeLessThan(150);
  }, 60_000);
});
