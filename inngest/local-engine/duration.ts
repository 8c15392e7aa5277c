// Time strings of the SDK spec ("300ms", "2h45m", "1.5d", "1w") and ISO 8601 dates.

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d|w)/y;

/** Milliseconds in a time string, or null when it is not one. */
export function parseDuration(input: string): number | null {
  const text = input.trim();
  if (!text) return null;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const start = PART.lastIndex;
    const match = PART.exec(text);
    if (!match || match.index !== start) return null;
    total += Number(match[1]) * (UNIT_MS[match[2]] ?? 0);
  }
  return total;
}

/**
 * When something given as "a time string or an ISO date" is due: sleep names, wait and
 * invoke timeouts, cancel timeouts. Throws on anything else so the run fails loudly.
 */
export function resolveDueAt(input: string, now: number): number {
  const duration = parseDuration(input);
  if (duration !== null) return now + Math.ceil(duration);
  const date = Date.parse(input);
  if (!Number.isNaN(date)) return date;
  throw new Error(`"${input}" is neither a time string (like "30s" or "2h45m") nor an ISO 8601 date`);
}
