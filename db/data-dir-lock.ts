import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type LockOwner = {
  pid: number;
  hostname: string;
  startedAt: string;
  processStart: string | null;
  command: string;
};

export class DataDirOwnedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `The data directory ${dataDir} is in use by process ${owner.pid} on ${owner.hostname} ` +
        `(started ${owner.startedAt}: ${owner.command}). Only one process may own an embedded ` +
        `database: stop that process, or set MERGELINE_DATA_DIR to another directory.`,
    );
    this.name = "DataDirOwnedError";
  }
}

// Start time of a process in clock ticks since boot (field 22 of /proc/<pid>/stat), so a
// recycled pid is not mistaken for the owner. null where /proc is not available.
function processStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(owner: LockOwner): boolean {
  if (!Number.isInteger(owner.pid) || owner.pid <= 0) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const start = processStartTime(owner.pid);
  return owner.processStart === null || start === null || start === owner.processStart;
}

function readOwner(lockPath: string): { raw: string; owner: LockOwner } | null {
  let raw: string;
  try {
    raw = fs.readFileSync(lockPath, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  try {
    return { raw, owner: JSON.parse(raw) as LockOwner };
  } catch {
    // A lock file cut short by a crash mid-write has no owner to protect.
    return { raw, owner: { pid: -1, hostname: os.hostname(), startedAt: "?", processStart: null, command: "?" } };
  }
}

/**
 * Makes this process the only owner of an embedded database directory. Another live
 * owner makes it throw DataDirOwnedError; the lock of a process that died is taken over.
 * Returns the function that gives the lock up.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, "owner.lock");
  const me: LockOwner = {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    processStart: processStartTime(process.pid),
    command: process.argv
      .slice(1)
      .map((arg) => path.basename(arg))
      .join(" ")
      .slice(0, 200),
  };
  const content = JSON.stringify(me);

  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      fs.writeFileSync(lockPath, content, { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.removeListener("exit", release);
        if (readOwner(lockPath)?.raw === content) fs.rmSync(lockPath, { force: true });
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const current = readOwner(lockPath);
    if (!current) continue;
    const { owner, raw } = current;
    if (owner.pid === process.pid && owner.processStart === me.processStart) {
      throw new DataDirOwnedError(dataDir, owner);
    }
    // On another host liveness cannot be checked, so the lock is respected.
    if (owner.hostname !== me.hostname || isAlive(owner)) throw new DataDirOwnedError(dataDir, owner);
    // Stale: remove it only if it is still the file we judged, then race for it again.
    if (readOwner(lockPath)?.raw === raw) fs.rmSync(lockPath, { force: true });
  }
  throw new Error(`Could not take the lock ${lockPath}: it keeps changing hands`);
}

/** The live owner of a data directory, or null when nobody holds it. */
export function dataDirOwner(dataDir: string): LockOwner | null {
  const current = readOwner(path.join(dataDir, "owner.lock"));
  if (!current || current.owner.pid < 0) return null;
  return current.owner.hostname !== os.hostname() || isAlive(current.owner) ? current.owner : null;
}
