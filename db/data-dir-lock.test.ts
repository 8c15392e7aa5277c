import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirOwnedError, dataDirOwner } from "./data-dir-lock";

const dirs: string[] = [];
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-lock-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function writeLock(dir: string, owner: Record<string, unknown>) {
  fs.writeFileSync(
    path.join(dir, "owner.lock"),
    JSON.stringify({
      hostname: os.hostname(),
      startedAt: "2026-01-01T00:00:00Z",
      processStart: null,
      command: "test",
      ...owner,
    }),
  );
}

/** A real process that takes the lock and holds it until killed. */
function holder(dir: string): Promise<{ pid: number; kill: (signal: NodeJS.Signals) => Promise<void> }> {
  const script = `const { acquireDataDirLock } = await import(${JSON.stringify(path.resolve("db/data-dir-lock.ts"))});
acquireDataDirLock(${JSON.stringify(dir)}); process.stdout.write("held\\n"); process.on("SIGTERM", () => process.exit(0)); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.stdout.once("data", () =>
      resolve({
        pid: child.pid!,
        kill: (signal) => new Promise((done) => (child.once("exit", () => done()), child.kill(signal))),
      }),
    );
    child.once("exit", (code) => reject(new Error(`holder exited early (${code})`)));
  });
}

describe("acquireDataDirLock", () => {
  it("refuses a second owner while the first lives, naming its pid", async () => {
    const dir = tempDir();
    const other = await holder(dir);
    try {
      expect(() => acquireDataDirLock(dir)).toThrowError(DataDirOwnedError);
      expect(() => acquireDataDirLock(dir)).toThrowError(new RegExp(`in use by process ${other.pid}`));
      expect(dataDirOwner(dir)?.pid).toBe(other.pid);
    } finally {
      await other.kill("SIGTERM");
    }
    // A clean exit gives the lock up.
    expect(dataDirOwner(dir)).toBeNull();
    acquireDataDirLock(dir)();
  });

  it("takes over the lock of a process killed with SIGKILL", async () => {
    const dir = tempDir();
    const other = await holder(dir);
    await other.kill("SIGKILL");
    expect(fs.existsSync(path.join(dir, "owner.lock"))).toBe(true);
    expect(dataDirOwner(dir)).toBeNull();
    const release = acquireDataDirLock(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "owner.lock"), "utf8")).pid).toBe(process.pid);
    release();
    expect(fs.existsSync(path.join(dir, "owner.lock"))).toBe(false);
  });

  it("does not mistake a recycled pid for the owner", () => {
    const dir = tempDir();
    // Our parent is alive, but it started at another time than the lock records.
    writeLock(dir, { pid: process.ppid, processStart: "1" });
    acquireDataDirLock(dir)();
  });

  it("takes over a lock file cut short by a crash", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "owner.lock"), '{"pid": 12');
    acquireDataDirLock(dir)();
  });

  it("respects a lock held from another host", () => {
    const dir = tempDir();
    writeLock(dir, { pid: 999_999, hostname: "elsewhere" });
    expect(() => acquireDataDirLock(dir)).toThrowError(/on elsewhere/);
  });

  it("refuses to open the same directory twice in one process", () => {
    const dir = tempDir();
    const release = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrowError(DataDirOwnedError);
    release();
  });
});
