import type { Database } from "@/db/client";
import { chooseRunCandidate } from "@/db/queries/candidates";
import type { PlanContent, Project, Run } from "@/db/schema";
import { adoptCandidate } from "@/lib/pipeline/adopt-candidate";
import { chooseCandidate } from "@/lib/pipeline/choose-candidate";
import { codeCandidate } from "@/lib/pipeline/code-candidate";
import { attemptCommitMessage, runTitle } from "@/lib/pipeline/titles";
import { agentLabel } from "@/lib/pipeline/run-attempt-agent";
import { appendRunEvent } from "@/lib/runs/transition-run";

/**
 * Best-of-N, the first coding round of a run that asked for 2 to 4 agents: every candidate
 * codes and is validated in parallel, each in its own workspace and branch, all spending the
 * run's one budget. The winner (choose-candidate.ts) becomes the run's branch, and the run
 * goes on with it (PR, full validation, merge); the others stay listed as candidates.
 */
export async function codeCandidates({
  db,
  run,
  project,
  plan,
  branch,
}: {
  db: Database;
  run: Run;
  project: Project;
  plan: PlanContent;
  branch: string;
}): Promise<{ pushed: boolean; sha: string | null; winner: number | null }> {
  const choices = run.agents ?? [];
  const results = await Promise.all(
    choices.map((choice, i) => codeCandidate({ db, run, project, plan, branch, index: i + 1, choice })),
  );
  const winner = chooseCandidate(results);
  const won = winner ? results.find((result) => result.index === winner.index) : undefined;
  await appendRunEvent({
    db,
    runId: run.id,
    type: "agent.candidates",
    data: {
      candidates: results.map((result) => ({
        index: result.index,
        agent: agentLabel(choices[result.index - 1]!, project.settings.model ?? "built-in"),
        passed: result.passed,
        acceptancePassed: result.acceptancePassed ?? null,
        reviewBlockers: result.reviewFindings ?? null,
        diffLines: result.diffLines,
      })),
      winner: winner?.index ?? null,
    },
  });
  if (!won?.sha) return { pushed: false, sha: null, winner: null };
  await chooseRunCandidate({ db, runId: run.id, index: won.index });
  const adopted = await adoptCandidate({
    run,
    project,
    branch,
    sha: won.sha,
    message: attemptCommitMessage({
      title: runTitle({ goal: run.goal, planSummary: plan.summary }),
      goal: run.goal,
      attempt: 1,
      agentSummary: `Best of ${choices.length}: candidate ${won.index} (${agentLabel(choices[won.index - 1]!, "built-in agent")}), ${won.passed ? "tests passed" : "tests failed"}, ${won.diffLines} lines changed`,
      runId: run.id,
    }),
  });
  return { pushed: true, sha: adopted.sha, winner: won.index };
}
