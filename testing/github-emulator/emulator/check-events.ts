import type { EmulatorContext } from "./context";
import { botAccount } from "./context";
import { readCommit } from "./read-commit";
import { git } from "./run-git";
import { serializeApp } from "./serialize-basics";
import { serializeCommit } from "./serialize-commit";
import type { CheckRun, CommitStatus, Repo } from "./state";
import { nodeId } from "./urls";

async function branchesContaining(repo: Repo, sha: string): Promise<string[]> {
  const out = await git(repo.dir, ["for-each-ref", "--format=%(refname:short)", "--contains", sha, "refs/heads"]);
  return out.split("\n").filter(Boolean);
}

/** The `status` event GitHub sends for every commit status. */
export async function emitStatus(ctx: EmulatorContext, repo: Repo, status: CommitStatus): Promise<void> {
  const commit = await readCommit(repo.dir, status.sha);
  const branches = await branchesContaining(repo, status.sha);
  ctx.emit("status", undefined, repo, status.creator, {
    id: status.id,
    sha: status.sha,
    name: repo.fullName,
    target_url: status.targetUrl,
    avatar_url: null,
    context: status.context,
    description: status.description,
    state: status.state,
    commit: serializeCommit(ctx.urls, repo, commit),
    branches: await Promise.all(
      branches.map(async (name) => ({
        name,
        commit: {
          sha: await git(repo.dir, ["rev-parse", `refs/heads/${name}`]),
          url: ctx.urls.repoApi(repo.fullName, `/commits/${status.sha}`),
        },
        protected: repo.protections.has(name),
      })),
    ),
    created_at: status.createdAt,
    updated_at: status.updatedAt,
  });
}

/** check_suite.completed: here every check run has its own suite, completed with the run. */
export async function emitSuiteCompleted(
  ctx: EmulatorContext,
  repo: Repo,
  run: CheckRun,
  pullRequests: unknown[],
): Promise<void> {
  const commit = await readCommit(repo.dir, run.headSha);
  const branch = (await branchesContaining(repo, run.headSha))[0] ?? null;
  ctx.emit("check_suite", "completed", repo, botAccount(ctx), {
    check_suite: {
      id: run.suiteId,
      node_id: nodeId("CheckSuite", run.suiteId),
      head_branch: branch,
      head_sha: run.headSha,
      status: "completed",
      conclusion: run.conclusion,
      url: ctx.urls.repoApi(repo.fullName, `/check-suites/${run.suiteId}`),
      before: commit.parents[0] ?? null,
      after: run.headSha,
      pull_requests: pullRequests,
      app: serializeApp(ctx.urls, ctx.app),
      created_at: run.startedAt,
      updated_at: run.completedAt ?? run.startedAt,
      latest_check_runs_count: 1,
      check_runs_url: ctx.urls.repoApi(repo.fullName, `/check-suites/${run.suiteId}/check-runs`),
      head_commit: {
        id: commit.sha,
        tree_id: commit.tree,
        message: commit.message,
        timestamp: commit.committer.date,
        author: { name: commit.author.name, email: commit.author.email },
        committer: { name: commit.committer.name, email: commit.committer.email },
      },
    },
  });
}
