import { withKeyedLock } from "@/lib/platform/keyed-lock";

/**
 * Steps that use a run's workspace run one at a time per run (in this process): when the
 * engine loses a call (a crash, a restart) and calls the step again, the new call waits
 * for the orphaned one to finish instead of sharing its workspace, then starts over from
 * what was pushed.
 */
export function withRunWorkspace<T>(runId: string, step: () => Promise<T>): Promise<T> {
  return withKeyedLock(`run-workspace:${runId}`, step);
}
