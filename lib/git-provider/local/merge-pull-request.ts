import type { Database } from "@/db/client";
import { getPullRequestByNumber, markPullRequestMerged, recordPendingMerge } from "@/db/queries/pull-requests";
import type { Project, PullRequest } from "@/db/schema";
import type { MergeMethod, MergeResult } from "@/lib/git-provider/types";
import { AppError } from "@/lib/platform/errors";
import { runGit } from "@/lib/workspaces/run-git";
import { logger } from "@/lib/platform/logger";
import { computeMerge, isAncestor } from "./compute-merge";
import { withKeyedLock } from "@/lib/platform/keyed-lock";
import { readMirroredBranches, withSyncedMirror } from "@/lib/workspaces/mirror";
import { pushToRepository } from "@/lib/workspaces/push-to-repository";
import {
  describeDirtyCheckout,
  type LocalRepository,
  openRepository,
  readBranchSha,
} from "@/lib/workspaces/repository";

// Another process may move the base branch between our fetch and our push; the push's
// expected-old-sha check catches it and the merge is computed again on the new base.
const maxAttempts = 3;

/**
 * Merges a local PR into its base branch in the project repository. Serialized per
 * repository in this process; across processes the push only lands while the base branch
 * is still where the merge was computed from. Refusals change nothing.
 */
export async function mergeLocalPullRequest(input: {
  db: Database;
  dataDir: string;
  project: Project;
  number: number;
  method: MergeMethod;
  title?: string;
}): Promise<MergeResult> {
  const { db, project, number } = input;
  const repository = await openRepository(project.repository);
  return withKeyedLock(`repository:${repository.gitDir}`, async () => {
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const pullRequest = await getPullRequestByNumber({ db, projectId: project.id, number });
      if (!pullRequest) throw new AppError("not_found:pull_request", `Pull request #${number} does not exist`);
      const outcome = await attemptMerge({ ...input, repository, pullRequest });
      if (outcome !== "stale") return outcome;
      logger.warn({ projectId: project.id, number, attempt }, "base branch moved during merge; merging again");
    }
    return { merged: false, reason: `The base branch kept moving while merging #${number}; try again` };
  });
}

async function attemptMerge(input: {
  db: Database;
  dataDir: string;
  project: Project;
  repository: LocalRepository;
  pullRequest: PullRequest;
  method: MergeMethod;
  title?: string;
}): Promise<MergeResult | "stale"> {
  const { db, repository, pullRequest: pr } = input;
  if (pr.state === "merged") return { merged: true, sha: pr.mergeCommitSha! };
  if (pr.state === "closed") return { merged: false, reason: `Pull request #${pr.number} is closed` };

  const repositoryBase = await readBranchSha(repository, pr.baseBranch);
  if (!repositoryBase)
    return { merged: false, reason: `The base branch ${pr.baseBranch} does not exist in ${repository.path}` };
  // An earlier attempt pushed its merge but died before recording it: finish that one.
  if (pr.mergeCommitSha && (await isAncestor(repository.gitDir, pr.mergeCommitSha, repositoryBase))) {
    await markPullRequestMerged({ db, id: pr.id, mergeCommitSha: pr.mergeCommitSha, headSha: null });
    return { merged: true, sha: pr.mergeCommitSha };
  }
  const dirty = await describeDirtyCheckout(repository, pr.baseBranch);
  if (dirty) return { merged: false, reason: dirty };

  const { mirrorDir, baseSha, headSha } = await withSyncedMirror(input.dataDir, repository, async (dir) => {
    const [base, head] = await readMirroredBranches(dir, [pr.baseBranch, pr.headBranch]);
    return { mirrorDir: dir, baseSha: base, headSha: head };
  });
  if (!baseSha) return "stale";
  if (!headSha) return { merged: false, reason: `The branch ${pr.headBranch} no longer exists in ${repository.path}` };

  const computed = await computeMerge({
    dataDir: input.dataDir,
    mirrorDir,
    method: input.method,
    baseSha,
    headSha,
    message: await mergeMessage({ mirrorDir, pr, method: input.method, title: input.title, baseSha, headSha }),
  });
  if (!computed.ok) return { merged: false, reason: computed.reason };

  await recordPendingMerge({ db, id: pr.id, mergeCommitSha: computed.sha });
  const pushed = await pushToRepository({
    gitDir: mirrorDir,
    cwd: mirrorDir,
    repositoryPath: repository.path,
    sha: computed.sha,
    branch: pr.baseBranch,
    expectedOldSha: baseSha,
  });
  if (!pushed.pushed) {
    await recordPendingMerge({ db, id: pr.id, mergeCommitSha: null });
    if (pushed.stale) return "stale";
    return { merged: false, reason: `${repository.path} refused the update of ${pr.baseBranch}: ${pushed.reason}` };
  }
  await markPullRequestMerged({ db, id: pr.id, mergeCommitSha: computed.sha, headSha });
  logger.info(
    { projectId: input.project.id, number: pr.number, method: input.method, sha: computed.sha, base: pr.baseBranch },
    "pull request merged",
  );
  return { merged: true, sha: computed.sha };
}

/** GitHub's shapes: "Title (#12)" and the squashed commits for squash, "Merge pull request #12 from ..." for merge. */
async function mergeMessage(input: {
  mirrorDir: string;
  pr: PullRequest;
  method: MergeMethod;
  title?: string;
  baseSha: string;
  headSha: string;
}): Promise<string> {
  const { pr } = input;
  const title = input.title?.trim() || pr.title;
  if (input.method === "merge") return `Merge pull request #${pr.number} from ${pr.headBranch}\n\n${title}\n`;
  if (input.method === "rebase") return "";
  const subjects = await runGit(
    input.mirrorDir,
    ["log", "--reverse", "--no-merges", "--max-count=50", "--format=* %s", `${input.baseSha}..${input.headSha}`],
    {
      env: { GIT_DIR: input.mirrorDir },
    },
  );
  return `${title} (#${pr.number})\n\nPull request #${pr.number}: ${pr.headBranch} into ${pr.baseBranch}.\n\n${subjects}\n`;
}
