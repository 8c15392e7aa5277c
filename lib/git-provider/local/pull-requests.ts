import type { Database } from "@/db/client";
import {
  createOrGetOpenPullRequest,
  getPullRequestByNumber,
  markPullRequestClosed,
  setOpenPullRequestHeadSha,
  updatePullRequestText,
} from "@/db/queries/pull-requests";
import type { Project, PullRequest } from "@/db/schema";
import type { PullRequestRef } from "@/lib/git-provider/types";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { assertBranchName } from "@/lib/workspaces/paths";
import { openRepository, readBranchSha } from "@/lib/workspaces/repository";

// Local PRs are rows in pull_requests; the branches they name live in the repository.
// They have no web page of their own, so `url` is null (the dashboard links them by number).

export function toPullRequestRef(row: PullRequest): PullRequestRef {
  return {
    number: row.number,
    url: row.url,
    headBranch: row.headBranch,
    baseBranch: row.baseBranch,
    headSha: row.headSha,
    state: row.state,
  };
}

/** Opens a PR for a branch already pushed to the repository, or returns its open PR. */
export async function openLocalPullRequest(input: {
  db: Database;
  project: Project;
  runId: string;
  branch: string;
  baseBranch: string;
  title: string;
  body: string;
}): Promise<PullRequestRef> {
  const { db, project, branch, baseBranch } = input;
  assertBranchName(branch);
  assertBranchName(baseBranch);
  if (branch === baseBranch)
    throw new AppError("bad_request:branch", "A pull request needs a head branch other than its base");
  if (!input.title.trim()) throw new AppError("bad_request:title", "A pull request needs a title");
  const repository = await openRepository(project.repository);
  const headSha = await readBranchSha(repository, branch);
  if (!headSha)
    throw new AppError("bad_request:branch", `The branch ${branch} has not been pushed to ${repository.path}`);
  if (!(await readBranchSha(repository, baseBranch))) {
    throw new AppError("not_found:branch", `The repository ${repository.path} has no branch ${baseBranch}`);
  }
  const { pullRequest, created } = await createOrGetOpenPullRequest({
    db,
    values: {
      projectId: project.id,
      runId: input.runId,
      headBranch: branch,
      baseBranch,
      title: input.title,
      body: input.body,
      headSha,
    },
  });
  if (created) logger.info({ projectId: project.id, number: pullRequest.number, branch }, "pull request opened");
  else if (pullRequest.headSha !== headSha) {
    await setOpenPullRequestHeadSha({ db, projectId: project.id, headBranch: branch, headSha });
    return toPullRequestRef({ ...pullRequest, headSha });
  }
  return toPullRequestRef(pullRequest);
}

/** A PR by number; for an open PR the head commit is read from the repository first. */
export async function getLocalPullRequest(input: {
  db: Database;
  project: Project;
  number: number;
}): Promise<PullRequestRef | null> {
  const { db, project } = input;
  const row = await getPullRequestByNumber({ db, projectId: project.id, number: input.number });
  if (!row) return null;
  if (row.state !== "open") return toPullRequestRef(row);
  const headSha = await openRepository(project.repository)
    .then((repository) => readBranchSha(repository, row.headBranch))
    .catch((error: unknown) => {
      // The stored PR is still worth showing when its repository cannot be read.
      logger.warn(
        { err: error, projectId: project.id, number: row.number },
        "could not read the head branch of a pull request",
      );
      return null;
    });
  if (headSha && headSha !== row.headSha) {
    await setOpenPullRequestHeadSha({ db, projectId: project.id, headBranch: row.headBranch, headSha });
    return toPullRequestRef({ ...row, headSha });
  }
  return toPullRequestRef(row);
}

export async function updateLocalPullRequest(input: {
  db: Database;
  project: Project;
  number: number;
  title?: string;
  body?: string;
}): Promise<void> {
  if (input.title !== undefined && !input.title.trim())
    throw new AppError("bad_request:title", "A pull request needs a title");
  const row = await updatePullRequestText({ ...input, projectId: input.project.id });
  if (!row) throw new AppError("not_found:pull_request", `Pull request #${input.number} does not exist`);
}

/** Closes an open PR (the branch stays); closing a closed PR does nothing; a merged one cannot be closed. */
export async function closeLocalPullRequest(input: { db: Database; project: Project; number: number }): Promise<void> {
  const { db, project, number } = input;
  const row = await getPullRequestByNumber({ db, projectId: project.id, number });
  if (!row) throw new AppError("not_found:pull_request", `Pull request #${number} does not exist`);
  const after = await markPullRequestClosed({ db, id: row.id });
  if (after?.state === "merged")
    throw new AppError("conflict:pull_request", `Pull request #${number} is already merged`);
}
