/** A share as a percentage, or a dash when there is nothing to divide. */
export const percent = (value: number | null) => (value === null ? "—" : `${Math.round(value * 1000) / 10}%`);

/** Seconds as the largest fitting unit: 45 s, 12 min, 3.5 h, 2.1 d. */
export function duration(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `${Math.round((seconds / 3600) * 10) / 10} h`;
  return `${Math.round((seconds / 86_400) * 10) / 10} d`;
}

export const dollars = (value: number | null) => (value === null ? "—" : `$${value.toFixed(2)}`);

export const count = (value: number | null) =>
  value === null ? "—" : new Intl.NumberFormat("en", { maximumFractionDigits: 0 }).format(value);
