const DAY_MS = 86_400_000;

/** The UTC day of a time, as YYYY-MM-DD, moved by `offsetDays`. */
export function utcDay(at: Date, offsetDays = 0): string {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()) + offsetDays * DAY_MS)
    .toISOString()
    .slice(0, 10);
}
