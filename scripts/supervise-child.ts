import type { ChildProcess } from "node:child_process";
import type { Logger } from "pino";

export type SupervisedChild = { current: () => ChildProcess; stop: () => void };

/**
 * Keeps a child process running: when it exits unasked, it is started again after a
 * backoff (base doubling up to maxDelayMs). A child that keeps dying is given up on
 * after maxRestarts restarts in a row (a run longer than stableMs resets the count), and
 * onGiveUp decides what then.
 */
export function superviseChild({
  name,
  start,
  logger,
  onSpawn,
  onGiveUp,
  maxRestarts = 5,
  baseDelayMs = 250,
  maxDelayMs = 5000,
  stableMs = 30_000,
}: {
  name: string;
  start: () => ChildProcess;
  logger: Logger;
  onSpawn?: (child: ChildProcess) => void;
  onGiveUp: (reason: string) => void;
  maxRestarts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  stableMs?: number;
}): SupervisedChild {
  let stopped = false;
  let restarts = 0;
  let timer: NodeJS.Timeout | null = null;
  let child: ChildProcess;

  const spawnOne = () => {
    const startedAt = Date.now();
    child = start();
    onSpawn?.(child);
    child.once("exit", (code, signal) => {
      if (stopped) return;
      const how = signal ?? `code ${code}`;
      if (Date.now() - startedAt >= stableMs) restarts = 0;
      if (restarts >= maxRestarts) {
        logger.error({ process: name, exit: how, restarts }, "process keeps exiting: giving up");
        return onGiveUp(`${name} exited ${restarts + 1} times in a row (last: ${how})`);
      }
      const delayMs = Math.min(maxDelayMs, baseDelayMs * 2 ** restarts);
      restarts++;
      logger.warn(
        { process: name, exit: how, restart: restarts, of: maxRestarts, delayMs },
        "process exited unexpectedly: restarting",
      );
      timer = setTimeout(() => {
        timer = null;
        if (!stopped) spawnOne();
      }, delayMs);
    });
  };
  spawnOne();

  return {
    current: () => child,
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
