const SECOND = 1000;
const HOUR = 3600 * SECOND;

/** A destination failing for this long is disabled, and one delivery is retried for this long. */
export const FAILING_WINDOW_MS = 24 * HOUR;

/**
 * The waits before each retry of a delivery: exponential (10 s, tripled each time, at most
 * 6 hours apart), and a last attempt 24 hours after the first: 12 attempts at about
 * 0 s, 10 s, 40 s, 2 min, 7 min, 20 min, 1 h, 3 h, 9 h, 15 h, 21 h and 24 h.
 */
export const DELIVERY_RETRY_DELAYS_MS: readonly number[] = (() => {
  const delays: number[] = [];
  let elapsed = 0;
  for (let delay = 10 * SECOND; elapsed + Math.min(delay, 6 * HOUR) < FAILING_WINDOW_MS; delay *= 3) {
    delays.push(Math.min(delay, 6 * HOUR));
    elapsed += Math.min(delay, 6 * HOUR);
  }
  return [...delays, FAILING_WINDOW_MS - elapsed];
})();
