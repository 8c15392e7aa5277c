import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Divider from "@mui/material/Divider";
import Link from "@mui/material/Link";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { Preview, PullRequest, Run } from "@/db/schema";
import { BudgetBars } from "./budget-bars";
import { PreviewStatus } from "./preview-status";

/** The run's pull request, branch, model, tokens and cost, preview, and budget. */
export function RunDetailsCard({
  run,
  pullRequest,
  previews,
  previewAddress,
  modelLabel,
  now,
}: {
  run: Run;
  pullRequest: PullRequest | undefined;
  previews: Preview[];
  /** The preview's address through the authenticated proxy (pr-<n>--<project>.<domain>), once it has a PR. */
  previewAddress?: string | null;
  modelLabel: string;
  now: Date;
}) {
  const prText = pullRequest ? `#${pullRequest.number} (${pullRequest.state})` : "not opened yet";
  return (
    <Card component="section" aria-labelledby="details-title">
      <CardContent>
        <Typography id="details-title" variant="h2" gutterBottom>
          Details
        </Typography>
        <Stack spacing={0.75}>
          <Typography variant="body2" data-testid="run-pull-request" data-state={pullRequest?.state ?? "none"}>
            Pull request:{" "}
            {pullRequest?.url ? (
              <Link href={pullRequest.url} target="_blank" rel="noreferrer">
                {prText}
              </Link>
            ) : (
              prText
            )}
            {pullRequest && ` · ${pullRequest.title}`}
          </Typography>
          <Typography variant="body2" sx={{ wordBreak: "break-all" }}>
            Branch: <code>{run.branch ?? `mergeline/run-${run.id}`}</code> into <code>{run.baseBranch}</code>
          </Typography>
          <Typography variant="body2" data-testid="run-model">
            Model: {modelLabel}
          </Typography>
          <Typography variant="body2" data-testid="run-tokens">
            Tokens: {run.inputTokens.toLocaleString("en")} in, {run.outputTokens.toLocaleString("en")} out · cost $
            {Number(run.costUsd).toFixed(4)}
          </Typography>
          <PreviewStatus previews={previews} publicUrl={previewAddress} />
        </Stack>
        <Divider sx={{ my: 2 }} />
        <Typography variant="subtitle2" component="h3" sx={{ mb: 1 }}>
          Budget
        </Typography>
        <BudgetBars run={run} now={now} />
      </CardContent>
    </Card>
  );
}
