import { withKeyedLock } from "@/lib/platform/keyed-lock";

/**
 * Changes to one session (start, an edit and its commit, a rollback, finalize, teardown)
 * happen one at a time in this process, so two commits never race on its workspace.
 */
export function withStudioSession<T>(sessionId: string, task: () => Promise<T>): Promise<T> {
  return withKeyedLock(`studio-session:${sessionId}`, task);
}
