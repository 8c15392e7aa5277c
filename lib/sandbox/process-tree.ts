import { readdirSync, readFileSync, readlinkSync } from "node:fs";

// Finding a command's processes without a cgroup: read /proc. A process belongs to the
// command when it is in the command's process group, descends from its root process, or
// (optionally) carries the command's tag in its environment. What this misses: a process
// that left the group (setsid), was re-parented away from the root (its parent exited)
// and also cleared its environment. Only a cgroup or a PID namespace closes that gap.
// The reads are synchronous on purpose: /proc files are generated in memory, and with
// thousands of processes (a fork bomb) a synchronous scan takes ~40 ms where the same
// scan through the thread pool takes ~300 ms, time in which the bomb keeps growing.

type ProcEntry = { pid: number; ppid: number; pgid: number };

function readEntry(pid: number): ProcEntry | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may contain spaces and parentheses: parse after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Zombies are already dead; they only wait for their parent to collect them.
    if (fields[0] === "Z" || fields[0] === "X") return null;
    return { pid, ppid: Number(fields[1]), pgid: Number(fields[2]) };
  } catch {
    return null;
  }
}

function readEntries(): ProcEntry[] {
  const entries: ProcEntry[] = [];
  for (const name of readdirSync("/proc")) {
    const entry = /^\d+$/.test(name) ? readEntry(Number(name)) : null;
    if (entry) entries.push(entry);
  }
  return entries;
}

function hasEnvironmentEntry(pid: number, entry: string): boolean {
  try {
    const environ = readFileSync(`/proc/${pid}/environ`, "latin1");
    return environ.split("\0").includes(entry);
  } catch {
    return false;
  }
}

function inNamespace(pid: number, namespace: string): boolean {
  try {
    return readlinkSync(`/proc/${pid}/ns/pid`) === namespace;
  } catch {
    return false;
  }
}

/**
 * The live processes of a command, by process group, descent from `rootPid`, (when
 * `envTag` is given, which costs a read of every process's environment) by tag, and (when
 * `pidNamespace` is given, a PID namespace of the command's own) by namespace.
 */
export function findProcessTree({
  rootPid,
  pgid,
  envTag,
  pidNamespace,
}: {
  rootPid: number;
  pgid: number;
  envTag?: string;
  pidNamespace?: string;
}): number[] {
  const entries = readEntries();
  const members = new Set<number>();
  const children = new Map<number, number[]>();
  for (const entry of entries) {
    if (entry.pgid === pgid) members.add(entry.pid);
    const siblings = children.get(entry.ppid);
    if (siblings) siblings.push(entry.pid);
    else children.set(entry.ppid, [entry.pid]);
  }
  const alive = new Set(entries.map((entry) => entry.pid));
  const queue = alive.has(rootPid) ? [rootPid] : [];
  for (let pid = queue.pop(); pid !== undefined; pid = queue.pop()) {
    members.add(pid);
    queue.push(...(children.get(pid) ?? []).filter((child) => !members.has(child)));
  }
  if (envTag) {
    for (const entry of entries) {
      if (!members.has(entry.pid) && entry.pid !== process.pid && hasEnvironmentEntry(entry.pid, envTag))
        members.add(entry.pid);
    }
  }
  if (pidNamespace) {
    for (const entry of entries)
      if (!members.has(entry.pid) && inNamespace(entry.pid, pidNamespace)) members.add(entry.pid);
  }
  members.delete(process.pid);
  members.delete(1);
  return [...members];
}
