import Box from "@mui/material/Box";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Typography from "@mui/material/Typography";
import type { InsightsReport } from "@/lib/insights/insights-report";
import { count, dollars, duration, percent } from "./format-insight";

/** The period's headline figures, one small card each. */
export function InsightsKpis({ totals }: { totals: InsightsReport["totals"] }) {
  const retries = totals.retries.map((retry) => `${retry.strategy} ${percent(retry.successRate)}`).join(", ");
  const figures: [string, string, string?][] = [
    [
      "Success rate",
      percent(totals.successRate),
      `${totals.merged} merged of ${totals.merged + totals.failed + totals.needsHuman} decided`,
    ],
    ["Error rate", percent(totals.errorRate), `${totals.failed} failed`],
    ["Needed a person", percent(totals.needsHumanRate), `${totals.needsHuman} runs`],
    ["Auto-merge rate", percent(totals.autoMergeRate), `${totals.autoMerged} of ${totals.merged} merges`],
    ["Time to PR", duration(totals.timeToPrSeconds.p50), `p90 ${duration(totals.timeToPrSeconds.p90)}`],
    ["Time to merge", duration(totals.timeToMergeSeconds.p50), `p90 ${duration(totals.timeToMergeSeconds.p90)}`],
    ["First-attempt pass rate", percent(totals.firstAttemptPassRate), `${totals.firstAttempts} first validations`],
    ["Fix attempts that passed", percent(totals.fixAttemptPassRate), `${totals.fixAttempts} fix attempts`],
    ["Retry success rate", percent(totals.retrySuccessRate), retries || "no retried runs"],
    ["Validation time", duration(totals.validationSeconds.p50), `p90 ${duration(totals.validationSeconds.p90)}`],
    ["Cost per merged run", dollars(totals.costPerMergedRunUsd), `${dollars(totals.costUsd)} in all`],
    ["Tokens per merged run", count(totals.tokensPerMergedRun), `${count(totals.tokens)} in all`],
  ];
  return (
    <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: "repeat(auto-fill, minmax(200px, 1fr))", mb: 3 }}>
      {figures.map(([label, value, detail]) => (
        <Card key={label} variant="outlined" data-testid="insight-kpi" data-label={label}>
          <CardContent>
            <Typography variant="body2" color="text.secondary">
              {label}
            </Typography>
            <Typography variant="h5" component="p" data-testid="insight-value">
              {value}
            </Typography>
            {detail && (
              <Typography variant="caption" color="text.secondary">
                {detail}
              </Typography>
            )}
          </CardContent>
        </Card>
      ))}
    </Box>
  );
}
