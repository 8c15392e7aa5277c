/** "67%", or an en dash when there is nothing to measure yet. */
export const formatRate = (rate: number | null) => (rate === null ? "–" : `${Math.round(rate * 100)}%`);

/** "45 min", "3.2 h", "2.1 d". */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return "–";
  if (minutes < 60) return `${Math.max(1, Math.round(minutes))} min`;
  if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1)} h`;
  return `${(minutes / 1440).toFixed(1)} d`;
}

export const formatUsd = (usd: number) => (usd === 0 ? "$0" : usd < 0.01 ? "<$0.01" : `$${usd.toFixed(2)}`);
