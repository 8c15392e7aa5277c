import { z } from "zod";
import { AppError } from "@/lib/platform/errors";
import { utcDay } from "./utc-day";

export const DEFAULT_INSIGHTS_DAYS = 30;
export const MAX_INSIGHTS_DAYS = 731;

export const insightsDay = z.iso.date().describe("A UTC day, YYYY-MM-DD");

/**
 * The period asked for, as UTC days (inclusive): `to` defaults to today, `from` to 29 days
 * before `to`. A 400 naming the field when `from` is after `to` or the period is longer than
 * two years.
 */
export function resolveInsightsPeriod({ from, to, now = new Date() }: { from?: string; to?: string; now?: Date }): {
  from: string;
  to: string;
  days: number;
} {
  const end = to ?? utcDay(now);
  const start = from ?? utcDay(new Date(`${end}T00:00:00Z`), -(DEFAULT_INSIGHTS_DAYS - 1));
  const days = Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1;
  if (days < 1) throw new AppError("bad_request:from", "`from` must be on or before `to`");
  if (days > MAX_INSIGHTS_DAYS)
    throw new AppError("bad_request:from", `A period is at most ${MAX_INSIGHTS_DAYS} days; choose a later \`from\``);
  return { from: start, to: end, days };
}
