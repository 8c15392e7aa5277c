import Box from "@mui/material/Box";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Chip from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { RunDiffView } from "@/components/diff-view/run-diff-view";
import { PlanEditingProvider } from "@/components/plan-editor/plan-editing-provider";
import { PlanReview } from "@/components/plan-editor/plan-review";
import { LiveRefresh } from "@/components/realtime/live-refresh";
import { EngineWaitNotice } from "@/components/run/engine-wait-notice";
import { nextStepFor } from "@/components/run/next-step";
import { NextStepLine } from "@/components/run/next-step-line";
import { planAttribution } from "@/components/run/plan-attribution";
import { RunActions } from "@/components/run/run-actions";
import { RunDetailsCard } from "@/components/run/run-details-card";
import { stateColor, stateLabels } from "@/components/run/run-stages";
import { RunStepper } from "@/components/run/run-stepper";
import { RunTimeline } from "@/components/run/run-timeline";
import { ValidationList } from "@/components/run/validation-list";
import { FollowUpSuggestions } from "@/components/run/follow-up-suggestions";
import { ReviewReport } from "@/components/reviews/review-report";
import { getFindingsOfPullRequest, getReviewsByRunId } from "@/db/queries/reviews";
import { TranscriptView } from "@/components/transcript/transcript-view";
import { getDb } from "@/db";
import { getModel } from "@/lib/ai/models";
import { can } from "@/lib/auth/actor";
import { requireSessionActor } from "@/lib/auth/get-session-actor";
import { isUuid } from "@/lib/platform/uuid";
import { env } from "@/lib/platform/env";
import { previewAddress, pullRequestLabel } from "@/lib/preview-proxy/preview-address";
import { AppError } from "@/lib/platform/errors";
import { getRunDetails, type RunDetails } from "@/lib/runs/get-run-details";
import { getRunDiff } from "@/lib/runs/get-run-diff";
import { runBranch } from "@/lib/runs/load-run";
import { cancelRunAction, mergeRunAction } from "../../actions";
import { approvePlanAction, pickCandidateAction, rejectPlanAction, retryRunAction } from "./actions";
import { CandidateList } from "@/components/run/candidate-list";
import { agentLabel, agentOfRun } from "@/lib/pipeline/run-attempt-agent";

export const metadata: Metadata = { title: "Run" };

// The page reads top down: the goal, the state with the actions that apply to it (and, when
// the run stopped, what to do next), the stages, then the plan, validation, changes and
// transcript, with details and budget beside them (first, on a phone) and the timeline,
// newest first, below those. layout.tsx has already answered 404 for an unknown run.
export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  const actor = await requireSessionActor({ callbackUrl: `/runs/${encodeURIComponent(id)}` });
  // The layout answers 404 for this too, but the page renders beside it: no query with a bad id.
  if (!isUuid(id)) notFound();
  const db = getDb();
  let details: RunDetails;
  try {
    details = await getRunDetails({ db, runId: id });
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
  const { run, project, plan, planHistory, pullRequest, validations, events, lastLiveState, transcript, previews } =
    details;
  if (!can(actor, project, "read")) notFound();
  const canWrite = can(actor, project, "write");
  const now = new Date();
  const diff = await getRunDiff({ db, run, project });
  // The feedback report: the latest review of the run's PR, with every finding of the PR.
  const review = (await getReviewsByRunId({ db, runId: run.id })).at(-1);
  const findings = review
    ? await getFindingsOfPullRequest({ db, projectId: project.id, pullRequestNumber: review.pullRequestNumber })
    : [];
  const strategies = Object.fromEntries(
    events
      .filter((event) => event.type === "attempt.strategy")
      .map((event) => [Number(event.data.attempt), String(event.data.strategy)]),
  );
  const followUps =
    (events.find((event) => event.type === "scope.simplified")?.data.followUps as string[] | undefined) ?? [];
  const builtInLabel = (() => {
    try {
      return getModel("code", project, { goal: run.goal }).label;
    } catch (error) {
      return error instanceof Error ? `unavailable: ${error.message}` : "unavailable";
    }
  })();
  // The coding agent: a CLI agent by its name and model, best-of-N by its count.
  const codingAgent = agentOfRun(run, project);
  const modelLabel =
    (run.agents?.length ?? 0) > 1
      ? `Best of ${run.agents!.length}: ${run.agents!.map((choice) => agentLabel(choice, builtInLabel)).join(", ")}`
      : agentLabel(codingAgent, builtInLabel);
  const nextStep = nextStepFor({
    state: run.state,
    provider: project.provider,
    repository: project.repository,
    branch: pullRequest ? (run.branch ?? runBranch(run.id)) : null,
  });
  return (
    <PlanEditingProvider>
      <Stack spacing={3} sx={{ minWidth: 0 }}>
        <LiveRefresh
          projectIds={[project.id]}
          runId={run.id}
          realtimeUrl={env.REALTIME_PUBLIC_URL ?? null}
          realtimePort={env.REALTIME_PORT}
        />
        <Stack component="header" spacing={1.5} sx={{ minWidth: 0 }}>
          <Typography variant="body2" color="text.secondary" component="nav" aria-label="Breadcrumb">
            <Link href="/">Projects</Link> / <Link href={`/projects/${project.id}`}>{project.name}</Link>
          </Typography>
          <Typography variant="h1" sx={{ overflowWrap: "anywhere" }}>
            {run.goal.split("\n")[0]}
          </Typography>
          <Stack
            direction={{ xs: "column", sm: "row" }}
            spacing={1.5}
            sx={{ alignItems: { sm: "center" }, flexWrap: "wrap" }}
            useFlexGap
          >
            <Box>
              <Chip
                data-testid="run-state"
                data-state={run.state}
                label={stateLabels[run.state]}
                color={stateColor(run.state)}
              />
            </Box>
            <RunActions
              runId={run.id}
              state={run.state}
              hasPlan={Boolean(plan)}
              canWrite={canWrite}
              approvePlanAction={approvePlanAction}
              rejectPlanAction={rejectPlanAction}
              cancelRunAction={cancelRunAction}
              mergeRunAction={mergeRunAction}
              retryRunAction={retryRunAction}
            />
          </Stack>
          {run.stateReason && (
            <Typography color="text.secondary" data-testid="run-reason" sx={{ overflowWrap: "anywhere" }}>
              {run.stateReason}
            </Typography>
          )}
          {nextStep && <NextStepLine step={nextStep} />}
          {details.waitingForEngineSince && <EngineWaitNotice since={details.waitingForEngineSince} now={now} />}
        </Stack>
        <Card>
          <CardContent sx={{ overflowX: "auto" }}>
            <RunStepper state={run.state} lastLiveState={lastLiveState} />
          </CardContent>
        </Card>
        <Box
          sx={{
            display: "grid",
            gap: 2,
            alignItems: "start",
            gridTemplateColumns: { xs: "minmax(0, 1fr)", md: "minmax(0, 7fr) minmax(0, 5fr)" },
            gridTemplateAreas: { xs: '"details" "main" "timeline"', md: '"main details" "main timeline"' },
            gridTemplateRows: { md: "auto 1fr" },
          }}
        >
          <Stack spacing={2} sx={{ gridArea: "main", minWidth: 0 }}>
            {plan ? (
              <PlanReview
                key={`${plan.id}:${run.state}`}
                runId={run.id}
                plan={plan}
                attribution={planAttribution(planHistory)}
                editable={run.state === "awaiting_approval" && canWrite}
                approvePlanAction={approvePlanAction}
              />
            ) : (
              <Card component="section" aria-labelledby="plan-title">
                <CardContent>
                  <Typography id="plan-title" variant="h2" gutterBottom>
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
            <CandidateList
              runId={run.id}
              candidates={details.candidates.map((candidate) => ({
                index: candidate.index,
                agentLabel: agentLabel(candidate.agent, builtInLabel),
                branch: candidate.branch,
                status: candidate.status,
                summary: candidate.summary,
                diffLines: candidate.diffLines,
                filesChanged: candidate.filesChanged,
                durationMs: candidate.durationMs,
                chosen: candidate.chosen,
                hasCommit: candidate.sha !== null,
              }))}
              canPick={canWrite && run.state === "ready"}
              pickCandidateAction={pickCandidateAction}
            />
            <ValidationList runId={run.id} validations={validations} strategies={strategies} />
            {review && <ReviewReport review={review} findings={findings} title="Review feedback" />}
            {followUps.length > 0 && <FollowUpSuggestions suggestions={followUps} />}
            <RunDiffView diff={diff} />
            <TranscriptView messages={transcript} />
          </Stack>
          <Box sx={{ gridArea: "details", minWidth: 0 }}>
            <RunDetailsCard
              run={run}
              pullRequest={pullRequest}
              previews={previews}
              previewAddress={pullRequest ? previewAddress(pullRequestLabel(pullRequest.number, project.name)) : null}
              modelLabel={modelLabel}
              now={now}
            />
          </Box>
          <Box sx={{ gridArea: "timeline", minWidth: 0 }}>
            <RunTimeline events={events} />
          </Box>
        </Box>
      </Stack>
    </PlanEditingProvider>
  );
}
