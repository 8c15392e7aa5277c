import { upsertMirroredPullRequest } from "@/db/queries/github-pull-requests";
import { AppError } from "@/lib/platform/errors";
import type { MergeMethod, MergeResult, PullRequestRef } from "@/lib/git-provider/types";
import { logger } from "@/lib/platform/logger";
import { apiReason, isStatus, toAppError } from "./github-api-error";
import type { GitHubContext } from "./github-context";

type ApiPullRequest = {
  number: number;
  html_url: string;
  node_id: string;
  title: string;
  body?: string | null;
  state: string;
  merged_at?: string | null;
  merged?: boolean;
  merge_commit_sha?: string | null;
  head: { ref: string; sha: string };
  base: { ref: string };
};

/** Records GitHub's PR in the database's mirror (run pages and the merge step read it there). */
async function mirror(ctx: GitHubContext, pr: ApiPullRequest, runId?: string): Promise<PullRequestRef> {
  const state = pr.merged_at || pr.merged ? "merged" : pr.state === "closed" ? "closed" : "open";
  await upsertMirroredPullRequest({
    db: ctx.db,
    values: {
      projectId: ctx.project.id,
      runId,
      number: pr.number,
      title: pr.title,
      body: pr.body ?? "",
      headBranch: pr.head.ref,
      baseBranch: pr.base.ref,
      headSha: pr.head.sha,
      state,
      url: pr.html_url,
      mergeCommitSha: state === "merged" ? pr.merge_commit_sha : null,
    },
  });
  return {
    number: pr.number,
    url: pr.html_url,
    headBranch: pr.head.ref,
    baseBranch: pr.base.ref,
    headSha: pr.head.sha,
    state,
  };
}

async function findOpen(ctx: GitHubContext, branch: string): Promise<ApiPullRequest | undefined> {
  const { data } = await ctx.octokit.rest.pulls.list({
    ...ctx.repo,
    head: `${ctx.remote.owner}:${branch}`,
    state: "open",
    per_page: 5,
  });
  return data.find((pr) => pr.head.ref === branch) as ApiPullRequest | undefined;
}

export async function openGitHubPullRequest(
  ctx: GitHubContext,
  input: { runId: string; branch: string; baseBranch: string; title: string; body: string },
): Promise<PullRequestRef> {
  if (!input.title.trim()) throw new AppError("bad_request:title", "A pull request needs a title");
  const existing = await findOpen(ctx, input.branch);
  if (existing) return mirror(ctx, existing, input.runId);
  try {
    const { data } = await ctx.octokit.rest.pulls.create({
      ...ctx.repo,
      head: input.branch,
      base: input.baseBranch,
      title: input.title,
      body: input.body,
    });
    logger.info(
      { projectId: ctx.project.id, number: data.number, branch: input.branch },
      "pull request opened on GitHub",
    );
    return mirror(ctx, data as ApiPullRequest, input.runId);
  } catch (error) {
    // Another attempt opened it between the list and the create.
    if (isStatus(error, 422)) {
      const raced = await findOpen(ctx, input.branch);
      if (raced) return mirror(ctx, raced, input.runId);
    }
    throw toAppError(error, "pull_request");
  }
}

export async function getGitHubPullRequest(
  ctx: GitHubContext,
  number: number,
): Promise<{ ref: PullRequestRef; nodeId: string } | null> {
  try {
    const { data } = await ctx.octokit.rest.pulls.get({ ...ctx.repo, pull_number: number });
    return { ref: await mirror(ctx, data as ApiPullRequest), nodeId: data.node_id };
  } catch (error) {
    if (isStatus(error, 404)) return null;
    throw toAppError(error, "pull_request");
  }
}

export async function updateGitHubPullRequest(
  ctx: GitHubContext,
  input: { number: number; title?: string; body?: string },
): Promise<void> {
  if (input.title !== undefined && !input.title.trim())
    throw new AppError("bad_request:title", "A pull request needs a title");
  try {
    const { data } = await ctx.octokit.rest.pulls.update({
      ...ctx.repo,
      pull_number: input.number,
      title: input.title,
      body: input.body,
    });
    await mirror(ctx, data as ApiPullRequest);
  } catch (error) {
    throw toAppError(error, "pull_request");
  }
}

export async function closeGitHubPullRequest(ctx: GitHubContext, number: number): Promise<void> {
  const current = await getGitHubPullRequest(ctx, number);
  if (!current) throw new AppError("not_found:pull_request", `Pull request #${number} does not exist`);
  if (current.ref.state === "merged")
    throw new AppError("conflict:pull_request", `Pull request #${number} is already merged`);
  if (current.ref.state === "closed") return;
  const { data } = await ctx.octokit.rest.pulls.update({ ...ctx.repo, pull_number: number, state: "closed" });
  await mirror(ctx, data as ApiPullRequest);
}

/**
 * Merges with the project's method. GitHub enforces branch protection: a 405 (required
 * checks or reviews missing, merge method not allowed) or 409 (head moved) is a refusal
 * with GitHub's reason. When the refusal is only about required checks still pending and
 * the repository allows auto-merge, auto-merge is enabled instead.
 */
export async function mergeGitHubPullRequest(
  ctx: GitHubContext,
  input: { number: number; method: MergeMethod; title?: string },
): Promise<MergeResult> {
  const current = await getGitHubPullRequest(ctx, input.number);
  if (!current) throw new AppError("not_found:pull_request", `Pull request #${input.number} does not exist`);
  if (current.ref.state === "merged") {
    const { data } = await ctx.octokit.rest.pulls.get({ ...ctx.repo, pull_number: input.number });
    return { merged: true, sha: data.merge_commit_sha ?? current.ref.headSha ?? "" };
  }
  if (current.ref.state === "closed") return { merged: false, reason: `Pull request #${input.number} is closed` };
  try {
    const { data } = await ctx.octokit.rest.pulls.merge({
      ...ctx.repo,
      pull_number: input.number,
      merge_method: input.method,
      commit_title: input.title ? `${input.title} (#${input.number})` : undefined,
      // Merge only the commit that was validated: a newer push makes GitHub answer 409.
      sha: current.ref.headSha ?? undefined,
    });
    await getGitHubPullRequest(ctx, input.number);
    return { merged: true, sha: data.sha };
  } catch (error) {
    if (!isStatus(error, 405, 409)) throw toAppError(error, "pull_request");
    const reason = apiReason(error);
    if (/required status check|status checks?|check.* (expected|pending|in progress)|is expected/i.test(reason)) {
      const auto = await enableGitHubAutoMerge(ctx, {
        number: input.number,
        method: input.method,
        nodeId: current.nodeId,
      });
      if (auto.enabled)
        return {
          merged: false,
          reason: `Auto-merge enabled: GitHub merges when required checks pass (${reason})`,
          autoMergeEnabled: true,
        };
    }
    logger.info({ projectId: ctx.project.id, number: input.number, reason }, "GitHub refused the merge");
    return { merged: false, reason };
  }
}

const graphqlMethod = { squash: "SQUASH", merge: "MERGE", rebase: "REBASE" } as const;

/** GitHub's native auto-merge (GraphQL enablePullRequestAutoMerge); refused where the repository does not allow it. */
export async function enableGitHubAutoMerge(
  ctx: GitHubContext,
  input: { number: number; method: MergeMethod; nodeId?: string },
): Promise<{ enabled: true } | { enabled: false; reason: string }> {
  let nodeId = input.nodeId;
  if (!nodeId) {
    const current = await getGitHubPullRequest(ctx, input.number);
    if (!current) throw new AppError("not_found:pull_request", `Pull request #${input.number} does not exist`);
    nodeId = current.nodeId;
  }
  try {
    await ctx.octokit.graphql(
      // Not $method: @octokit/graphql reserves "method" (and "url", "headers") as option names.
      `mutation($pullRequestId: ID!, $mergeMethod: PullRequestMergeMethod!) {
        enablePullRequestAutoMerge(input: { pullRequestId: $pullRequestId, mergeMethod: $mergeMethod }) { pullRequest { number } }
      }`,
      { pullRequestId: nodeId, mergeMethod: graphqlMethod[input.method] },
    );
    logger.info({ projectId: ctx.project.id, number: input.number }, "auto-merge enabled on GitHub");
    return { enabled: true };
  } catch (error) {
    const errors = (error as { errors?: { message?: string }[] }).errors;
    const reason = errors?.map((entry) => entry.message).join("; ") || apiReason(error);
    return { enabled: false, reason };
  }
}
