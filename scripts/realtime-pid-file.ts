// The launcher writes the realtime sidecar's pid here, in the data dir, while it runs
// (operators and e2e/realtime.spec.ts find the process to signal by it).
export const REALTIME_PID_FILE = "realtime.pid";
