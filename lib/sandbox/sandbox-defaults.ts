/** The caps a sandboxed command gets when its caller sets none. */
export const SANDBOX_DEFAULTS = {
  timeoutMs: 10 * 60_000,
  maxOutputBytes: 1024 * 1024,
  memoryLimitMb: 4096,
  maxProcesses: 512,
};
