import type { InsightsReport } from "@/lib/insights/insights-report";

const cell = (value: string | number | null) => {
  if (value === null) return "";
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The daily series as CSV (one row per day, seconds and rates as numbers), for spreadsheets. */
export function insightsCsv(report: InsightsReport): string {
  const header = [
    "date",
    "runs_started",
    "merged",
    "failed",
    "cancelled",
    "needs_human",
    "success_rate",
    "first_attempt_pass_rate",
    "time_to_pr_p50_s",
    "time_to_pr_p90_s",
    "time_to_merge_p50_s",
    "time_to_merge_p90_s",
    "validation_p50_s",
    "validation_p90_s",
    "cost_usd",
    "tokens",
  ];
  const rows = report.daily.map((day) => [
    day.date,
    day.started,
    day.merged,
    day.failed,
    day.cancelled,
    day.needsHuman,
    day.successRate,
    day.firstAttemptPassRate,
    day.timeToPrSeconds.p50,
    day.timeToPrSeconds.p90,
    day.timeToMergeSeconds.p50,
    day.timeToMergeSeconds.p90,
    day.validationSeconds.p50,
    day.validationSeconds.p90,
    day.costUsd,
    day.tokens,
  ]);
  return `${[header, ...rows].map((row) => row.map(cell).join(",")).join("\n")}\n`;
}
