"use client";
import Alert from "@mui/material/Alert";
import Typography from "@mui/material/Typography";
import type { InsightsReport } from "@/lib/insights/insights-report";
import { InsightsCharts } from "./insights-charts";
import { insightsCsv } from "./insights-csv";
import { InsightsFilters, type InsightsFilterValues } from "./insights-filters";
import { InsightsKpis } from "./insights-kpis";
import { InsightsTables } from "./insights-tables";

/** The insights page: filters, headline figures, daily charts, failing tests and retries, CSV export. */
export function InsightsView({
  report,
  filters,
  teams,
  projects,
  today,
}: {
  report: InsightsReport;
  filters: InsightsFilterValues;
  teams: { id: string; name: string }[];
  projects: { id: string; name: string }[];
  today: string;
}) {
  const exportCsv = () => {
    const blob = new Blob([insightsCsv(report)], { type: "text/csv" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `mergeline-insights-${report.from}-${report.to}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  };
  const empty = report.totals.runsStarted === 0 && report.totals.runsEnded === 0;
  return (
    <>
      <InsightsFilters values={filters} teams={teams} projects={projects} today={today} onExport={exportCsv} />
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }} data-testid="insights-period">
        {report.from} to {report.to} (UTC) · {report.totals.runsStarted} runs started, {report.totals.runsEnded} ended
        {report.rolledUpAt ? ` · figures as of ${report.rolledUpAt.slice(11, 16)} UTC` : ""}
      </Typography>
      {empty && (
        <Alert severity="info" sx={{ mb: 2 }}>
          No runs in this period yet. Figures are rolled up every few minutes.
        </Alert>
      )}
      <InsightsKpis totals={report.totals} />
      <InsightsCharts daily={report.daily} />
      <InsightsTables totals={report.totals} />
    </>
  );
}
