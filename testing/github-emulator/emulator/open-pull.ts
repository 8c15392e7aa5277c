import { HttpError, validationFailed } from "./context";
import type { EmulatorContext } from "./context";
import { createIssue } from "./issue-actions";
import { syncPullRef } from "./pull-head";
import { branchSha, git } from "./run-git";
import type { Account, Issue, PullState, Repo } from "./state";

/**
 * Opens a PR as GitHub does: `head` is a branch of the repository or `owner:branch` (the
 * owner's fork of it, for a PR from a fork). refs/pull/<n>/head is written before
 * pull_request.opened goes out, so a webhook's reader can fetch it.
 */
export async function openPull(
  ctx: EmulatorContext,
  repo: Repo,
  input: {
    head: string;
    base: string;
    title: string;
    body: string | null;
    draft: boolean;
    maintainerCanModify: boolean;
  },
  user: Account,
): Promise<Issue> {
  const colon = input.head.indexOf(":");
  const headOwner = colon >= 0 ? input.head.slice(0, colon) : repo.owner.login;
  const head = colon >= 0 ? input.head.slice(colon + 1) : input.head;
  const headRepo =
    headOwner.toLowerCase() === repo.owner.login.toLowerCase()
      ? repo
      : [...ctx.state.repos.values()].find(
          (r) => r.owner.login.toLowerCase() === headOwner.toLowerCase() && r.parent === repo.fullName,
        );
  if (!headRepo) throw validationFailed(`head: ${input.head} does not exist`, "head", "PullRequest");
  const fork = headRepo === repo ? undefined : headRepo.fullName;
  const headSha = await branchSha(headRepo.dir, head);
  const baseSha = await branchSha(repo.dir, input.base);
  if (!headSha) throw validationFailed(`head: ${input.head} does not exist`, "head", "PullRequest");
  if (!baseSha) throw validationFailed(`base: ${input.base} does not exist`, "base", "PullRequest");
  const duplicate = [...repo.issues.values()].some(
    (i) =>
      i.pull && i.state === "open" && i.pull.head === head && i.pull.headRepo === fork && i.pull.base === input.base,
  );
  if (duplicate)
    throw new HttpError(422, "Validation Failed", {
      errors: [
        { resource: "PullRequest", code: "custom", message: `A pull request already exists for ${headOwner}:${head}.` },
      ],
    });
  // A fork's commits are fetched into the base repository first (GitHub forks share objects).
  if (fork) await git(repo.dir, ["fetch", "--quiet", "--no-tags", headRepo.dir, headSha]);
  if ((await git(repo.dir, ["rev-list", "--count", `${baseSha}..${headSha}`])) === "0")
    throw new HttpError(422, "Validation Failed", {
      errors: [{ resource: "PullRequest", code: "custom", message: `No commits between ${input.base} and ${head}` }],
    });
  const pull: PullState = {
    head,
    ...(fork ? { headRepo: fork } : {}),
    base: input.base,
    draft: input.draft,
    merged: false,
    mergedAt: null,
    mergedBy: null,
    mergeCommitSha: null,
    maintainerCanModify: input.maintainerCanModify,
    autoMerge: null,
    reviews: [],
    reviewComments: [],
  };
  return createIssue(ctx, repo, { title: input.title, body: input.body, user }, pull, (issue) =>
    syncPullRef(ctx.state, repo, issue),
  );
}
