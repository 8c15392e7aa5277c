import Box from "@mui/material/Box";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import type { ProjectSummary } from "@/db/queries/project-summaries";
import { formatMinutes, formatRate, formatUsd } from "./format-metrics";

function Metric({ label, value, hint, testId }: { label: string; value: string; hint: string; testId: string }) {
  return (
    <Tooltip title={hint}>
      <Box component="div" sx={{ minWidth: 0 }}>
        <Typography component="dt" variant="caption" color="text.secondary" noWrap>
          {label}
        </Typography>
        <Typography component="dd" variant="body2" sx={{ m: 0, fontWeight: 600 }} data-testid={testId}>
          {value}
        </Typography>
      </Box>
    </Tooltip>
  );
}

/** The card's figures: success rate and median time to merge over 30 days, spend this week. */
export function ProjectMetrics({ summary }: { summary: ProjectSummary }) {
  return (
    <Box component="dl" sx={{ display: "grid", gridTemplateColumns: "repeat(3, minmax(0, 1fr))", gap: 1, m: 0 }}>
      <Metric
        label="Success"
        value={formatRate(summary.successRate)}
        hint={`Merged among ${summary.endedRuns30d} run(s) started in the last 30 days that ended (cancelled runs not counted)`}
        testId="metric-success-rate"
      />
      <Metric
        label="Median to merge"
        value={formatMinutes(summary.medianMinutesToMerge)}
        hint="From start to merge, runs of the last 30 days"
        testId="metric-median-merge"
      />
      <Metric
        label="Spend this week"
        value={formatUsd(summary.spendThisWeekUsd)}
        hint="Model cost of the runs started since Monday 00:00 UTC"
        testId="metric-spend"
      />
    </Box>
  );
}
