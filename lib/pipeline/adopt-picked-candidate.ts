import type { Database } from "@/db/client";
import { chooseRunCandidate, getRunCandidates } from "@/db/queries/candidates";
import { findRunEvent } from "@/db/queries/run-events";
import { setRunAttempt } from "@/db/queries/runs";
import { getLatestPlan } from "@/db/queries/plans";
import { adoptCandidate } from "@/lib/pipeline/adopt-candidate";
import { attemptCommitMessage, runTitle } from "@/lib/pipeline/titles";
import { branchOfRun, loadRun } from "@/lib/runs/load-run";
import { transitionRun } from "@/lib/runs/transition-run";

export type PickedCandidate = { adopted: true; attempt: number; sha: string } | { adopted: false; why: string };

/**
 * The first step of pick-run-candidate: when a person's pick is recorded and the run is still
 * ready, the candidate becomes the chosen one, the run goes back to fixing for a new attempt,
 * and the candidate's work is committed on the run's branch (its PR's head).
 */
export async function adoptPickedCandidate({
  db,
  runId,
  index,
  requestSeq,
}: {
  db: Database;
  runId: string;
  index: number;
  requestSeq: number;
}): Promise<PickedCandidate> {
  // An event nobody recorded changes nothing.
  const recorded = await findRunEvent({ db, runId, type: "candidate.picked", data: { index } });
  if (!recorded || recorded.seq !== requestSeq) return { adopted: false, why: "the pick was not recorded" };
  const { run, project } = await loadRun({ db, runId });
  if (run.state !== "ready") return { adopted: false, why: `the run is ${run.state}` };
  const candidate = (await getRunCandidates({ db, runId })).find((row) => row.index === index);
  if (!candidate?.sha) return { adopted: false, why: `candidate ${index} has no commit` };
  const attempt = run.attempt + 1;
  const branch = branchOfRun(run);
  await setRunAttempt({ db, runId, attempt, branch });
  await transitionRun({ db, runId, to: "fixing", data: { attempt, candidate: index } });
  await chooseRunCandidate({ db, runId, index });
  const plan = await getLatestPlan({ db, runId });
  const adopted = await adoptCandidate({
    run,
    project,
    branch,
    sha: candidate.sha,
    message: attemptCommitMessage({
      title: runTitle({ goal: run.goal, planSummary: plan?.content.summary }),
      goal: run.goal,
      attempt,
      agentSummary: `Candidate ${index}, picked by a person`,
      runId,
    }),
  });
  return { adopted: true, attempt, sha: adopted.sha };
}
