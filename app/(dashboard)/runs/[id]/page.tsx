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
import { LiveRefresh } from "@/components/realtime/live-refresh";
import { PlanView } from "@/components/run/plan-view";
import { RunActions } from "@/components/run/run-actions";
import { stateColor, stateLabels } from "@/components/run/run-stages";
import { RunStepper } from "@/components/run/run-stepper";
import { RunTimeline } from "@/components/run/run-timeline";
import { ValidationList } from "@/components/run/validation-list";
import { getDb } from "@/db";
import { getModel } from "@/lib/ai/models";
import { can } from "@/lib/auth/actor";
import { requireSessionActor } from "@/lib/auth/get-session-actor";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getRunDetails, type RunDetails } from "@/lib/runs/get-run-details";

export const metadata: Metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  const actor = await requireSessionActor({ callbackUrl: `/runs/${encodeURIComponent(id)}` });
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  let details: RunDetails;
  try {
    details = await getRunDetails({ db: getDb(), runId: id });
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
  const { run, project, plan, pullRequest, validations, events, lastLiveState } = details;
  // A run of another team is "not found", not "forbidden": its existence is not shown either.
  if (!can(actor, project.teamId, "read")) notFound();
  const canWrite = can(actor, project.teamId, "write");
  const modelLabel = (() => {
    try {
      return getModel("code", project).label;
    } catch (error) {
      return error instanceof Error ? `unavailable: ${error.message}` : "unavailable";
    }
  })();
  return (
    <Stack spacing={3}>
      <LiveRefresh projectIds={[project.id]} runId={run.id} realtimeUrl={env.REALTIME_PUBLIC_URL ?? null} realtimePort={env.REALTIME_PORT} />
      <Box>
        <Typography variant="body2" color="text.secondary">
          <Link href="/">Projects</Link> / {project.name}
        </Typography>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: "center", mt: 1, flexWrap: "wrap" }} useFlexGap>
          <Typography variant="h1" sx={{ wordBreak: "break-word" }}>
            {run.goal.split("\n")[0]}
          </Typography>
          <Chip data-testid="run-state" data-state={run.state} label={stateLabels[run.state]} color={stateColor(run.state)} />
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
      {canWrite && <RunActions runId={run.id} state={run.state} />}
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 7 }}>
          <Stack spacing={2}>
            {plan && <PlanView plan={plan} />}
            <ValidationList validations={validations} />
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <Stack spacing={2}>
            <Card>
              <CardContent>
                <Typography variant="h2" gutterBottom>
                  Details
                </Typography>
                <Typography variant="body2" data-testid="run-pull-request">
                  Pull request: {pullRequest ? `#${pullRequest.number} (${pullRequest.state})` : "not opened yet"}
                </Typography>
                <Typography variant="body2">Branch: {run.branch ?? `mergeline/run-${run.id}`}</Typography>
                <Typography variant="body2" data-testid="run-model">
                  Model: {modelLabel}
                </Typography>
                <Typography variant="body2">
                  Attempts: {run.attempt} of {run.budget.maxAttempts}
                </Typography>
                <Typography variant="body2">
                  Tokens: {run.inputTokens.toLocaleString("en")} in, {run.outputTokens.toLocaleString("en")} out · cost $
                  {Number(run.costUsd).toFixed(4)} of ${run.budget.maxDollars.toFixed(2)}
                </Typography>
              </CardContent>
            </Card>
            <RunTimeline events={events} />
          </Stack>
        </Grid>
      </Grid>
    </Stack>
  );
}
