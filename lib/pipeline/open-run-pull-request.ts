import type { Database } from "@/db/client";
import { getGitProvider } from "@/lib/git-provider";
import { getLatestPlan } from "@/db/queries/plans";
import { branchOfRun, loadRun } from "@/lib/runs/load-run";
import { transitionRun } from "@/lib/runs/transition-run";
import { runTitle } from "@/lib/pipeline/titles";

function pullRequestBody(goal: string, plan: Awaited<ReturnType<typeof getLatestPlan>>): string {
  const lines = [
    "Opened by Mergeline for:",
    "",
    ...goal
      .trim()
      .split("\n")
      .map((line) => `> ${line}`),
  ];
  if (plan) {
    lines.push(
      "",
      "## Plan",
      plan.content.summary,
      "",
      ...plan.content.steps.map((step, i) => `${i + 1}. ${step.title}`),
    );
    if (plan.content.acceptanceChecks.length > 0) {
      lines.push(
        "",
        "## Acceptance checks",
        ...plan.content.acceptanceChecks.map((check) => `- [ ] ${check.description}`),
      );
    }
  }
  return lines.join("\n");
}

/** Opens the run's pull request (or finds the one it has) and moves the run to pr_open. */
export async function openRunPullRequest({ db, runId }: { db: Database; runId: string }): Promise<{ number: number }> {
  const { run, project } = await loadRun({ db, runId });
  const plan = await getLatestPlan({ db, runId });
  const title = runTitle({ goal: run.goal, planSummary: plan?.content.summary });
  const pr = await getGitProvider(project).openPullRequest({
    project,
    runId,
    branch: branchOfRun(run),
    baseBranch: run.baseBranch,
    title,
    body: pullRequestBody(run.goal, plan),
  });
  await transitionRun({ db, runId, to: "pr_open", data: { pullRequest: pr.number, url: pr.url } });
  return { number: pr.number };
}
