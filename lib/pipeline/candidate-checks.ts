import type { CommandResult, PlanContent, Project } from "@/db/schema";
import { env } from "@/lib/platform/env";
import { logger } from "@/lib/platform/logger";
import { analyzeRevisions } from "@/lib/reviews/analyze-revisions";
import { reviewBlockers } from "@/lib/reviews/review-blockers";
import { testOutcome } from "@/lib/validation/acceptance/test-outcome";
import { runGit } from "@/lib/workspaces/run-git";

export type CandidateChecks = {
  /** Every acceptance check that names a test passed (null: no check names one). */
  acceptancePassed: boolean | null;
  /** Reasons the merge policy would refuse the candidate's static review (null: not analyzed). */
  reviewFindings: number | null;
  /** For the candidate's row: what the two say, in a sentence. */
  note: string;
};

/**
 * What ranks a best-of-N candidate beyond its tests, decided without a model so that N
 * candidates cost no more model calls than N agents: the plan's acceptance checks that
 * name a test (found in the candidate's recorded test output), and the static review of
 * its diff (secrets, complexity, known vulnerabilities) counted by the project's merge
 * policy. Checks judged on a page or by the judge model, and the AI review, run on the
 * winner's pull request as on any attempt.
 */
export async function candidateChecks({
  workspacePath,
  base,
  head,
  project,
  plan,
  tests,
}: {
  workspacePath: string;
  base: string;
  head: string;
  project: Pick<Project, "settings">;
  plan: Pick<PlanContent, "acceptanceChecks">;
  tests: CommandResult[];
}): Promise<CandidateChecks> {
  const named = plan.acceptanceChecks.filter((check) => check.test);
  const failedChecks = named.filter((check) => testOutcome(check.test!, tests).outcome !== "passed");
  const acceptancePassed = named.length === 0 ? null : failedChecks.length === 0;

  let reviewFindings: number | null = null;
  let blockers: string[] = [];
  try {
    // The workspace is a worktree of the project's mirror: its objects, the candidate's commit
    // included, are in the common git directory.
    const gitDir = await runGit(workspacePath, ["rev-parse", "--path-format=absolute", "--git-common-dir"]);
    const settings = project.settings;
    const analysis = await analyzeRevisions({
      gitDir,
      base,
      head,
      options: {
        complexityThreshold: settings.complexityThreshold ?? 10,
        secretPatterns: settings.secretPatterns ?? [],
        advisoryDb: env.MERGELINE_ADVISORY_DB,
      },
    });
    const findings = analysis.findings.map((finding) => ({ ...finding, status: "open" }));
    blockers = reviewBlockers({
      settings,
      findings,
      vulnerabilities: analysis.advisories.checked ? analysis.advisories.vulnerabilities.length : 0,
    });
    reviewFindings = blockers.length;
  } catch (error) {
    // A candidate whose diff cannot be analyzed is ranked on its tests and size alone.
    logger.warn({ err: error, head }, "a best-of-N candidate's diff could not be analyzed");
  }

  const parts = [
    acceptancePassed === null
      ? null
      : acceptancePassed
        ? `acceptance checks with a test passed (${named.length})`
        : `acceptance checks failed: ${failedChecks.map((check) => check.description).join("; ")}`,
    reviewFindings === null
      ? "static review not run"
      : blockers.length === 0
        ? "static review: nothing blocks"
        : `static review blocks: ${blockers.join("; ")}`,
  ];
  return { acceptancePassed, reviewFindings, note: parts.filter(Boolean).join(". ") };
}
