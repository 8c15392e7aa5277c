import { liveHeadSha, syncPullRef } from "./pull-head";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { EmulatorContext } from "./context";
import { emitIssueEvent, timestamp } from "./issue-actions";
import { emitPush } from "./push-events";
import { requiredChecksState } from "./required-checks";
import { branchSha, git, runGit } from "./run-git";
import type { Account, Issue, MergeMethod, Repo } from "./state";

export type MergeOutcome = { merged: true; sha: string } | { merged: false; status: 405 | 409 | 422; message: string };

const COMMITTER = { GIT_COMMITTER_NAME: "GitHub", GIT_COMMITTER_EMAIL: "noreply@github.com" };

function identity(user: Account): Record<string, string> {
  return {
    GIT_AUTHOR_NAME: user.login,
    GIT_AUTHOR_EMAIL: `${user.id}+${user.login}@users.noreply.github.com`,
    ...COMMITTER,
  };
}

/** Replays head's commits onto base in a throwaway worktree (git 2.39 has no merge-tree --merge-base). */
async function rebaseCommits(repo: Repo, baseSha: string, headSha: string): Promise<string | null> {
  const commits = (await git(repo.dir, ["rev-list", "--reverse", "--no-merges", `${baseSha}..${headSha}`]))
    .split("\n")
    .filter(Boolean);
  const scratch = await mkdtemp(path.join(tmpdir(), "gh-emu-rebase-"));
  const worktree = path.join(scratch, "wt");
  try {
    await git(repo.dir, ["worktree", "add", "--quiet", "--detach", worktree, baseSha]);
    for (const commit of commits) {
      const picked = await runGit(worktree, ["cherry-pick", "--allow-empty", "--keep-redundant-commits", commit], {
        env: COMMITTER,
      });
      if (picked.code !== 0) return null;
    }
    return await git(worktree, ["rev-parse", "HEAD"]);
  } finally {
    await runGit(repo.dir, ["worktree", "remove", "--force", worktree]);
    await rm(scratch, { recursive: true, force: true });
    await runGit(repo.dir, ["worktree", "prune"]);
  }
}

/** Merges a PR the way GitHub does, with real git on the bare repository; refusals carry GitHub's messages. */
export async function mergePull(
  ctx: EmulatorContext,
  repo: Repo,
  issue: Issue,
  options: { method: MergeMethod; user: Account; sha?: string; title?: string; message?: string },
): Promise<MergeOutcome> {
  const pull = issue.pull!;
  if (issue.state !== "open" || pull.merged)
    return { merged: false, status: 405, message: "Pull Request is not mergeable" };
  const headSha = await liveHeadSha(repo, issue);
  const baseSha = await branchSha(repo.dir, pull.base);
  if (!headSha || !baseSha) return { merged: false, status: 422, message: "Head or base branch is missing" };
  if (options.sha && options.sha !== headSha)
    return { merged: false, status: 409, message: "Head branch was modified. Review and try the merge again." };
  const required = repo.protections.get(pull.base)?.requiredChecks ?? [];
  const checks = await requiredChecksState(ctx, repo, pull.base, headSha);
  if (checks !== "success") {
    const names = required.map((name) => `"${name}"`).join(", ");
    return {
      merged: false,
      status: 405,
      message: `Required status check${required.length > 1 ? "s" : ""} ${names} ${checks === "failure" ? "failing" : "expected"}.`,
    };
  }
  const tree = await runGit(repo.dir, ["merge-tree", "--write-tree", baseSha, headSha]);
  if (tree.code !== 0) return { merged: false, status: 405, message: "Pull Request is not mergeable" };
  const treeSha = tree.stdout.split("\n")[0].trim();
  let newSha: string | null;
  if (options.method === "rebase") {
    newSha = await rebaseCommits(repo, baseSha, headSha);
    if (!newSha) return { merged: false, status: 405, message: "This branch can't be rebased" };
  } else if (options.method === "squash") {
    const subjects = (await git(repo.dir, ["log", "--reverse", "--format=* %s", `${baseSha}..${headSha}`])).trim();
    const message = `${options.title ?? `${issue.title} (#${issue.number})`}\n\n${options.message ?? subjects}`;
    newSha = await git(repo.dir, ["commit-tree", treeSha, "-p", baseSha, "-m", message], {
      env: identity(options.user),
    });
  } else {
    const message = `${options.title ?? `Merge pull request #${issue.number} from ${repo.owner.login}/${pull.head}`}\n\n${options.message ?? issue.title}`;
    newSha = await git(repo.dir, ["commit-tree", treeSha, "-p", baseSha, "-p", headSha, "-m", message], {
      env: identity(options.user),
    });
  }
  // Compare-and-swap: a push that raced us to the base branch makes the merge fail, not vanish.
  const moved = await runGit(repo.dir, ["update-ref", `refs/heads/${pull.base}`, newSha, baseSha]);
  if (moved.code !== 0)
    return { merged: false, status: 409, message: "Base branch was modified. Review and try the merge again." };
  const now = timestamp();
  Object.assign(pull, {
    merged: true,
    mergedAt: now,
    mergedBy: options.user,
    mergeCommitSha: newSha,
    headSha,
    baseSha,
    autoMerge: null,
  });
  Object.assign(issue, { state: "closed", closedAt: now, closedBy: options.user, updatedAt: now, stateReason: null });
  await syncPullRef(ctx.state, repo, issue);
  repo.pushedAt = now;
  await emitPush(ctx, repo, { ref: `refs/heads/${pull.base}`, before: baseSha, after: newSha }, options.user);
  await emitIssueEvent(ctx, repo, issue, "closed", options.user);
  return { merged: true, sha: newSha };
}

/** After checks change: merge every open PR with auto-merge enabled whose head is `sha` and whose checks are green. */
export async function runAutoMerges(ctx: EmulatorContext, repo: Repo, sha: string): Promise<void> {
  for (const issue of repo.issues.values()) {
    const auto = issue.pull?.autoMerge;
    if (!auto || issue.state !== "open") continue;
    if ((await liveHeadSha(repo, issue)) !== sha) continue;
    if ((await requiredChecksState(ctx, repo, issue.pull!.base, sha)) !== "success") continue;
    await mergePull(ctx, repo, issue, {
      method: auto.method,
      user: auto.enabledBy,
      title: auto.title,
      message: auto.message,
    });
  }
}
