import Box from "@mui/material/Box";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Chip from "@mui/material/Chip";
import Grid from "@mui/material/Grid";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { RunDiffView } from "@/components/diff-view/run-diff-view";
import { PlanReview } from "@/components/plan-editor/plan-review";
import { LiveRefresh } from "@/components/realtime/live-refresh";
import { RunActions } from "@/components/run/run-actions";
import { RunDetailsCard } from "@/components/run/run-details-card";
import { stateColor, stateLabels } from "@/components/run/run-stages";
import { RunStepper } from "@/components/run/run-stepper";
import { RunTimeline } from "@/components/run/run-timeline";
import { ValidationList } from "@/components/run/validation-list";
import { TranscriptView } from "@/components/transcript/transcript-view";
import { getDb } from "@/db";
import { getModel } from "@/lib/ai/models";
import { can } from "@/lib/auth/actor";
import { requireSessionActor } from "@/lib/auth/get-session-actor";
import { env } from "@/lib/platform/env";
import { previewAddress, pullRequestLabel } from "@/lib/preview-proxy/preview-address";
import { AppError } from "@/lib/platform/errors";
import { getRunDetails, type RunDetails } from "@/lib/runs/get-run-details";
import { getRunDiff } from "@/lib/runs/get-run-diff";
import { cancelRunAction, mergeRunAction } from "../../actions";
import { approvePlanAction, rejectPlanAction, retryRunAction } from "./actions";

export const metadata: Metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  const actor = await requireSessionActor({ callbackUrl: `/runs/${encodeURIComponent(id)}` });
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const db = getDb();
  let details: RunDetails;
  try {
    details = await getRunDetails({ db, runId: id });
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
  const { run, project, plan, pullRequest, validations, events, lastLiveState, transcript, previews } = details;
  // A run of another team is "not found", not "forbidden": its existence is not shown either.
  if (!can(actor, project, "read")) notFound();
  const canWrite = can(actor, project, "write");
  const diff = await getRunDiff({ db, run, project });
  const modelLabel = (() => {
    try {
      return getModel("code", project).label;
    } catch (error) {
      return error instanceof Error ? `unavailable: ${error.message}` : "unavailable";
    }
  })();
  return (
    <Stack spacing={3}>
      <LiveRefresh
        projectIds={[project.id]}
        runId={run.id}
        realtimeUrl={env.REALTIME_PUBLIC_URL ?? null}
        realtimePort={env.REALTIME_PORT}
      />
      <Box component="header">
        <Typography variant="body2" color="text.secondary" component="nav" aria-label="Breadcrumb">
          <Link href="/">Projects</Link> / {project.name}
        </Typography>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: "center", mt: 1, flexWrap: "wrap" }} useFlexGap>
          <Typography variant="h1" sx={{ wordBreak: "break-word" }}>
            {run.goal.split("\n")[0]}
          </Typography>
          <Chip
            data-testid="run-state"
            data-state={run.state}
            label={stateLabels[run.state]}
            color={stateColor(run.state)}
          />
        </Stack>
        {run.stateReason && (
          <Typography color="text.secondary" sx={{ mt: 1 }} data-testid="run-reason">
            {run.stateReason}
          </Typography>
        )}
      </Box>
      <Card>
        <CardContent>
          <RunStepper state={run.state} lastLiveState={lastLiveState} />
        </CardContent>
      </Card>
      <RunActions
        runId={run.id}
        state={run.state}
        canWrite={canWrite}
        cancelRunAction={cancelRunAction}
        mergeRunAction={mergeRunAction}
        retryRunAction={retryRunAction}
      />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 7 }}>
          <Stack spacing={2}>
            {plan ? (
              <PlanReview
                key={`${plan.id}:${run.state}`}
                runId={run.id}
                plan={plan}
                awaitingApproval={run.state === "awaiting_approval"}
                canWrite={canWrite}
                approvePlanAction={approvePlanAction}
                rejectPlanAction={rejectPlanAction}
              />
            ) : (
              <Card>
                <CardContent>
                  <Typography variant="h2" gutterBottom>
                    Plan
                  </Typography>
                  <Typography color="text.secondary">
                    {run.state === "queued" || run.state === "planning"
                      ? "The planner is working on a plan."
                      : "This run has no plan."}
                  </Typography>
                </CardContent>
              </Card>
            )}
            <ValidationList runId={run.id} validations={validations} />
            <RunDiffView diff={diff} />
            <TranscriptView messages={transcript} />
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <Stack spacing={2}>
            <RunDetailsCard
              run={run}
              pullRequest={pullRequest}
              previews={previews}
              previewAddress={pullRequest ? previewAddress(pullRequestLabel(pullRequest.number, project.name)) : null}
              modelLabel={modelLabel}
              now={new Date()}
            />
            <RunTimeline events={events} />
          </Stack>
        </Grid>
      </Grid>
    </Stack>
  );
}
