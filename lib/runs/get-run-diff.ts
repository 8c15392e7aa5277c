import type { Database } from "@/db/client";
import type { Project, Run } from "@/db/schema";
import { AppError } from "@/lib/platform/errors";
import { getGitProvider, type GitProvider } from "@/lib/git-provider";
import { type BranchDiff, listBranchDiff } from "@/lib/git-provider/local";
import { logger } from "@/lib/platform/logger";
import { runBranch } from "@/lib/runs/load-run";

export type RunDiff =
  | { status: "ready"; diff: string; truncated: boolean; branch: string; baseBranch: string }
  /** Nothing to show yet: the run has not pushed a branch. */
  | { status: "none"; reason: string }
  /** The provider cannot give a diff (or failed to): the page says so instead of failing. */
  | { status: "unavailable"; reason: string };

type BranchDiffInput = { project: Project; baseBranch: string; branch: string; maxBytes?: number };
// Providers that can read a branch's diff have this method (GitHub's does); the local
// provider's equivalent is listBranchDiff, read straight from the repository.
type DiffingProvider = GitProvider & { getBranchDiff?: (input: BranchDiffInput) => Promise<BranchDiff> };

/** What the run's branch changes against its base (the PR's diff), for the run page. */
export async function getRunDiff({
  db,
  run,
  project,
  maxBytes,
}: {
  db: Database;
  run: Run;
  project: Project;
  maxBytes?: number;
}): Promise<RunDiff> {
  const branch = run.branch ?? runBranch(run.id);
  const input = { project, baseBranch: run.baseBranch, branch, maxBytes };
  if (!run.branch) return { status: "none", reason: "The agent has not pushed any code yet." };
  try {
    let diff: BranchDiff;
    if (project.provider === "local") {
      diff = await listBranchDiff(input);
    } else {
      const provider: DiffingProvider = getGitProvider(project, { db });
      if (typeof provider.getBranchDiff !== "function")
        return { status: "unavailable", reason: `The ${provider.kind} provider cannot show diffs.` };
      diff = await provider.getBranchDiff(input);
    }
    return { status: "ready", diff: diff.diff, truncated: diff.truncated, branch, baseBranch: run.baseBranch };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found:branch")
      return { status: "none", reason: "The run's branch is not in the repository (not pushed yet, or deleted)." };
    if (error instanceof AppError && error.status < 500) return { status: "unavailable", reason: error.message };
    logger.warn({ err: error, runId: run.id }, "could not read the run's diff");
    return { status: "unavailable", reason: error instanceof AppError ? error.message : "The diff could not be read." };
  }
}
