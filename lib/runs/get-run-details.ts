import type { Database } from "@/db/client";
import { getRunCandidates } from "@/db/queries/candidates";
import { getPlanHistory, type PlanVersionEntry } from "@/db/queries/plans";
import { getPreviewsByRunId } from "@/db/queries/previews";
import { getRunEvents } from "@/db/queries/run-events";
import { getLatestPlan } from "@/db/queries/plans";
import { getAgentMessagesByRunId } from "@/db/queries/transcripts";
import { getValidationsByRunId } from "@/db/queries/validations";
import type {
  AgentMessage,
  Plan,
  Preview,
  Project,
  PullRequest,
  Run,
  RunCandidate,
  RunEvent,
  RunState,
  Validation,
} from "@/db/schema";
import { getEngineStatus } from "@/lib/health/engine-status";
import { loadRun } from "@/lib/runs/load-run";
import { isTerminal } from "@/lib/runs/state-machine";

export type RunDetails = {
  run: Run;
  project: Project;
  plan: Plan | undefined;
  /** Every version of the plan, oldest first, without content: who proposed, edited and decided it. */
  planHistory: PlanVersionEntry[];
  pullRequest: PullRequest | undefined;
  validations: Validation[];
  /** Preview deployments, oldest first; the live one has status ready and a url. */
  previews: Preview[];
  events: RunEvent[];
  /** The last state before the run ended, to show where it stopped. */
  lastLiveState: RunState | null;
  /** The agent's transcript: the planner's, then each coding attempt's. */
  transcript: AgentMessage[];
  /** Best-of-N: the parallel attempts of the first coding round, the chosen one marked. */
  candidates: RunCandidate[];
  /** For a run not ended: since when the Inngest engine has not answered (nothing moves it meanwhile). */
  waitingForEngineSince: Date | null;
};

/** Everything the run page and GET /api/v1/runs/:id show about one run. */
export async function getRunDetails({ db, runId }: { db: Database; runId: string }): Promise<RunDetails> {
  const { run, project, pullRequest } = await loadRun({ db, runId });
  const [plan, planHistory, validations, events, transcript, previews, candidates] = await Promise.all([
    getLatestPlan({ db, runId }),
    getPlanHistory({ db, runId }),
    getValidationsByRunId({ db, runId }),
    getRunEvents({ db, runId }),
    getAgentMessagesByRunId({ db, runId }),
    getPreviewsByRunId({ db, runId }),
    getRunCandidates({ db, runId }),
  ]);
  const lastChange = events.filter((event) => event.type === "state.changed").at(-1);
  const engine = isTerminal(run.state) ? null : await getEngineStatus();
  return {
    run,
    project,
    plan,
    planHistory,
    pullRequest,
    validations,
    events,
    lastLiveState: lastChange?.fromState ?? null,
    transcript,
    previews,
    candidates,
    waitingForEngineSince: engine?.downSince ?? null,
  };
}
