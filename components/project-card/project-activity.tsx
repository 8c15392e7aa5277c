"use client";
import Chip from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import { AppLink } from "@/components/project-card/app-link";
import { LinkChip } from "@/components/project-card/link-chip";
import Typography from "@mui/material/Typography";
import { useMemo } from "react";
import { useLiveProjectRuns } from "@/components/realtime/use-live-project-runs";
import type { ProjectSummary } from "@/db/queries/project-summaries";
import type { Validation } from "@/db/schema";
import { stateColor, stateLabels } from "@/components/run/run-stages";
import { RunStageBar } from "@/components/run/run-stage-bar";

const validationColor: Record<Validation["status"], "default" | "success" | "error" | "info"> = {
  pending: "default",
  running: "info",
  passed: "success",
  failed: "error",
  cancelled: "default",
  error: "error",
};

const prColor = { open: "info", merged: "success", closed: "default" } as const;

const pullRequestChip = (pullRequest: NonNullable<ProjectSummary["lastPullRequest"]>) => ({
  size: "small" as const,
  variant: "outlined" as const,
  "data-testid": "last-pull-request",
  color: prColor[pullRequest.state],
  label: `PR #${pullRequest.number} ${pullRequest.state}`,
});

/** What ProjectActivity shows of a card's summary: only this crosses to the browser. */
export type ProjectActivitySummary = Pick<
  ProjectSummary,
  "activeRuns" | "activeRunCount" | "latestRun" | "lastPullRequest" | "lastValidation"
> & { projectId: string };

/**
 * Active runs with their stage, the last PR and the last validation of a project. Run
 * states follow the project's realtime events straight from their payload (no refetch).
 */
export function ProjectActivity({ summary }: { summary: ProjectActivitySummary }) {
  const { activeRunCount, lastPullRequest, lastValidation, projectId } = summary;
  const shown = useMemo(() => {
    const runs = [...summary.activeRuns, ...(summary.latestRun ? [summary.latestRun] : [])];
    return [...new Map(runs.map((run) => [run.id, { ...run, projectId }])).values()];
  }, [summary.activeRuns, summary.latestRun, projectId]);
  const live = new Map(useLiveProjectRuns(projectId, shown).map((run) => [run.id, run]));
  const activeRuns = summary.activeRuns.map((run) => live.get(run.id) ?? run);
  const latestRun = summary.latestRun ? (live.get(summary.latestRun.id) ?? summary.latestRun) : null;
  return (
    <Stack spacing={1.5}>
      {activeRuns.length > 0 ? (
        <Stack spacing={1} component="ul" aria-label="Active runs" sx={{ listStyle: "none", p: 0, m: 0 }}>
          {activeRuns.map((run) => (
            <li key={run.id} data-testid="active-run" data-state={run.state}>
              <Stack direction="row" spacing={1} sx={{ alignItems: "center", minWidth: 0 }}>
                <Chip size="small" label={stateLabels[run.state]} color={stateColor(run.state)} />
                <AppLink href={`/runs/${run.id}`} color="inherit" variant="body2" noWrap sx={{ minWidth: 0 }}>
                  {run.goal.split("\n")[0]}
                </AppLink>
              </Stack>
              <RunStageBar state={run.state} />
            </li>
          ))}
          {activeRunCount > activeRuns.length && (
            <Typography component="li" variant="caption" color="text.secondary">
              and {activeRunCount - activeRuns.length} more active
            </Typography>
          )}
        </Stack>
      ) : latestRun ? (
        <Stack
          direction="row"
          spacing={1}
          sx={{ alignItems: "center", minWidth: 0 }}
          data-testid="latest-run"
          data-state={latestRun.state}
        >
          <Chip
            size="small"
            variant="outlined"
            label={stateLabels[latestRun.state]}
            color={stateColor(latestRun.state)}
          />
          <AppLink href={`/runs/${latestRun.id}`} color="inherit" variant="body2" noWrap sx={{ minWidth: 0 }}>
            {latestRun.goal.split("\n")[0]}
          </AppLink>
        </Stack>
      ) : (
        <Typography variant="body2" color="text.secondary">
          No runs yet. Runs started from an issue, this dashboard or the API appear here.
        </Typography>
      )}
      {/* The newest run stays findable while others are active (tests and people look for it). */}
      {activeRuns.length > 0 && latestRun && <span hidden data-testid="latest-run" data-state={latestRun.state} />}
      {(lastPullRequest || lastValidation) && (
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: "wrap" }}>
          {lastPullRequest &&
            (lastPullRequest.runId ? (
              <LinkChip {...pullRequestChip(lastPullRequest)} href={`/runs/${lastPullRequest.runId}`} />
            ) : (
              <Chip {...pullRequestChip(lastPullRequest)} />
            ))}
          {lastValidation && (
            <LinkChip
              size="small"
              variant="outlined"
              data-testid="last-validation"
              color={validationColor[lastValidation.status]}
              label={`Validation ${lastValidation.status}`}
              href={`/runs/${lastValidation.runId}`}
            />
          )}
        </Stack>
      )}
    </Stack>
  );
}
