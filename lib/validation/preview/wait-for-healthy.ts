import { setTimeout as sleep } from "node:timers/promises";

export type HealthOutcome =
  | { ok: true; status: number }
  | { ok: false; reason: "exited" | "timeout" | "cancelled"; lastProblem: string };

const POLL_MS = 200;
const REQUEST_TIMEOUT_MS = 5_000;

/**
 * Polls `url` with GET until it answers 2xx or 3xx (redirects are not followed: a 302
 * to a sign-in page means the server is up), or any status at all with `anyStatus`, the
 * process exits, the time runs out or the signal aborts.
 */
export async function waitForHealthy({
  url,
  timeoutMs,
  exited,
  signal,
  anyStatus = false,
}: {
  url: string;
  timeoutMs: number;
  exited: Promise<unknown>;
  signal?: AbortSignal;
  /** A dev server showing the app's own error (a 500 after a bad edit) is up all the same. */
  anyStatus?: boolean;
}): Promise<HealthOutcome> {
  let gone = false;
  void exited.then(
    () => (gone = true),
    () => (gone = true),
  );
  const deadline = performance.now() + timeoutMs;
  let lastProblem = "no answer yet";
  while (performance.now() < deadline) {
    if (signal?.aborted) return { ok: false, reason: "cancelled", lastProblem };
    if (gone) return { ok: false, reason: "exited", lastProblem };
    try {
      const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      await response.body?.cancel();
      if (anyStatus || (response.status >= 200 && response.status < 400)) return { ok: true, status: response.status };
      lastProblem = `GET ${url} answered ${response.status}`;
    } catch (error) {
      lastProblem = `GET ${url} failed: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`;
    }
    await sleep(POLL_MS);
  }
  return { ok: false, reason: "timeout", lastProblem };
}
