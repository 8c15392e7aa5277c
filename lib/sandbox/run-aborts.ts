// Cancelling a run must stop every command it has running. Commands take an AbortSignal;
// this registry hands out one signal per run id, so that the cancel handler can abort
// them all by run id. It covers this process only: a run executing in another process is
// cancelled there (through the run/cancel.requested event), by that process's registry.

const controllers = new Map<string, AbortController>();
// A cancelled run keeps its aborted signal for a while, so that a step of that run that
// starts a command after the cancel arrived sees it as aborted instead of running it.
const KEEP_ABORTED_MS = 60 * 60_000;

/** The signal every command of this run should be given. */
export function abortSignalForRun(runId: string): AbortSignal {
  let controller = controllers.get(runId);
  if (!controller) {
    controller = new AbortController();
    controllers.set(runId, controller);
  }
  return controller.signal;
}

/** Aborts every command of the run that is running in this process, now or later. */
export function abortRun(runId: string, reason = "cancelled"): void {
  const controller = controllers.get(runId) ?? new AbortController();
  controllers.set(runId, controller);
  if (controller.signal.aborted) return;
  controller.abort(reason);
  setTimeout(() => {
    if (controllers.get(runId) === controller) controllers.delete(runId);
  }, KEEP_ABORTED_MS).unref();
}

/** Forgets a finished run, so the registry does not grow with every run. */
export function releaseRun(runId: string): void {
  const controller = controllers.get(runId);
  if (controller && !controller.signal.aborted) controllers.delete(runId);
}
