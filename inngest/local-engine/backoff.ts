export type BackoffOptions = { baseMs: number; maxMs: number; random?: () => number };

/**
 * Delay before retry number `attempt + 1`: exponential (base * 2^attempt, capped) with
 * "equal jitter" (between half and all of it), so retries of many runs spread out.
 */
export function retryDelay(attempt: number, { baseMs, maxMs, random = Math.random }: BackoffOptions): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

/** A Retry-After header: seconds, or an HTTP/ISO 8601 date. Null when absent or invalid. */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
