import fs from "node:fs";

const parentOf = (pid: number): number | null => {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after its ")".
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
};

/** Pids of live processes whose command line contains `marker` (Linux /proc). */
export function processesWith(marker: string): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8");
      const state = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // A zombie has ended; only its parent has not collected it yet.
      if (cmdline.includes(marker) && !/\) Z /.test(state)) found.push(Number(entry));
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}

/** Which of `ancestors` (pid by name) the process descends from, if any. */
export function descendsFrom(pid: number, ancestors: Record<string, number>): string | null {
  const byPid = new Map(Object.entries(ancestors).map(([name, ancestor]) => [ancestor, name]));
  for (let current: number | null = pid, hops = 0; current && current > 1 && hops < 64; hops++) {
    const name = byPid.get(current);
    if (name) return name;
    current = parentOf(current);
  }
  return null;
}
