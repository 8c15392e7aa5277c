import { instanceCommands } from "@/lib/instances/instance-commands";

// Cancelling a run must stop every command it has running, in whichever app instance runs
// it. Commands take an AbortSignal; this registry hands out one signal per run id, so the
// cancel can abort them all by run id: here at once (abortRun), and in every instance
// through the command channel (abortRunEverywhere, lib/instances), which each process that
// runs commands listens on from its first command on.

const controllers = new Map<string, AbortController>();
// A cancelled run keeps its aborted signal for a while, so that a step of that run that
// starts a command after the cancel arrived sees it as aborted instead of running it.
const KEEP_ABORTED_MS = 60 * 60_000;

let listening = false;
function listenForAborts(): void {
  if (listening) return;
  listening = true;
  void instanceCommands.handle("run.abort", (command) => abortRun(command.target, command.data.reason));
}

/** The signal every command of this run should be given. */
export function abortSignalForRun(runId: string): AbortSignal {
  listenForAborts();
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

/** Aborts the run's commands here at once, and in every other instance sharing the database. */
export async function abortRunEverywhere(runId: string, reason = "cancelled"): Promise<void> {
  abortRun(runId, reason);
  await instanceCommands.send("run.abort", runId, { reason });
}

/** Forgets a finished run, so the registry does not grow with every run. */
export function releaseRun(runId: string): void {
  const controller = controllers.get(runId);
  if (controller && !controller.signal.aborted) controllers.delete(runId);
}
