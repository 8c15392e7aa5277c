import path from "node:path";

/**
 * Where the launcher keeps the pid of a process it supervises, in the data dir, while it
 * runs: operators and fault tests find the process to signal by it (the realtime
 * sidecar's is realtime-pid-file.ts, the same name scheme).
 */
export function childPidFile(dataDir: string, name: "app" | "inngest"): string {
  return path.join(dataDir, `${name}.pid`);
}
