import type { EmulatorContext } from "./context";
import { syncPullRef } from "./pull-head";
import { readCommit } from "./read-commit";
import { git, runGit } from "./run-git";
import { serializePull } from "./serialize-pull";
import { serializeRepo } from "./serialize-repo";
import type { Account, Repo } from "./state";

const ZERO = "0".repeat(40);

function pushCommit(
  ctx: EmulatorContext,
  repo: Repo,
  commit: Awaited<ReturnType<typeof readCommit>>,
  distinct: boolean,
): Record<string, unknown> {
  return {
    id: commit.sha,
    tree_id: commit.tree,
    distinct,
    message: commit.message,
    timestamp: commit.committer.date,
    url: ctx.urls.html(`${repo.fullName}/commit/${commit.sha}`),
    author: { name: commit.author.name, email: commit.author.email },
    committer: { name: commit.committer.name, email: commit.committer.email },
    added: [],
    removed: [],
    modified: [],
  };
}

/** The `push` event for one ref, with up to 20 commits like GitHub. */
export async function emitPush(
  ctx: EmulatorContext,
  repo: Repo,
  change: { ref: string; before: string | null; after: string | null },
  pusher: Account,
): Promise<void> {
  const before = change.before ?? ZERO;
  const after = change.after ?? ZERO;
  const range = change.after ? (change.before ? `${change.before}..${change.after}` : change.after) : null;
  const shas = range
    ? (await git(repo.dir, ["rev-list", "--reverse", "--max-count=20", range])).split("\n").filter(Boolean)
    : [];
  const commits = await Promise.all(
    shas.map(async (sha) => pushCommit(ctx, repo, await readCommit(repo.dir, sha), true)),
  );
  const forced = Boolean(
    change.before &&
      change.after &&
      (await runGit(repo.dir, ["merge-base", "--is-ancestor", change.before, change.after])).code !== 0,
  );
  const head = change.after ? pushCommit(ctx, repo, await readCommit(repo.dir, change.after), true) : null;
  const repository = {
    ...serializeRepo(ctx.urls, repo),
    created_at: Math.floor(Date.parse(repo.createdAt) / 1000),
    pushed_at: Math.floor(Date.parse(repo.pushedAt) / 1000),
    stargazers: 0,
    master_branch: repo.defaultBranch,
  };
  ctx.emit("push", undefined, repo, pusher, {
    ref: change.ref,
    before,
    after,
    created: !change.before,
    deleted: !change.after,
    forced,
    base_ref: null,
    compare: ctx.urls.html(`${repo.fullName}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`),
    commits,
    head_commit: head,
    repository,
    pusher: {
      name: pusher.login,
      email: pusher.type === "Bot" ? null : `${pusher.id}+${pusher.login}@users.noreply.github.com`,
    },
  });
}

/** After a push over git HTTP: a push event per ref, then pull_request.synchronize for open PRs whose head moved. */
export async function pushEvents(
  ctx: EmulatorContext,
  repo: Repo,
  moved: { ref: string; before: string | null; after: string | null }[],
  pusher: Account,
): Promise<void> {
  for (const change of moved) {
    await emitPush(ctx, repo, change, pusher);
    if (!change.after || !change.before) continue;
    const branch = change.ref.replace(/^refs\/heads\//, "");
    // Open PRs with this branch as head: the repository's own, and the parent's PRs from this fork.
    const targets = [repo, ...(repo.parent ? [ctx.state.repoOrThrow(repo.parent)] : [])];
    for (const target of targets) {
      const headRepo = target === repo ? undefined : repo.fullName;
      for (const issue of target.issues.values()) {
        if (!issue.pull || issue.state !== "open" || issue.pull.head !== branch || issue.pull.headRepo !== headRepo)
          continue;
        await syncPullRef(ctx.state, target, issue);
        issue.updatedAt = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
        ctx.emit("pull_request", "synchronize", target, pusher, {
          number: issue.number,
          before: change.before,
          after: change.after,
          pull_request: await serializePull(ctx, target, issue),
        });
      }
    }
  }
}
