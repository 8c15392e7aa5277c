import type { Database } from "@/db/client";
import { setOpenPullRequestHeadSha } from "@/db/queries/pull-requests";
import type { Project } from "@/db/schema";
import { env } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";
import type { GitHubApp } from "@/lib/git-provider/github/app";
import { commitAndPushWorkspace } from "@/lib/git-provider/local/commit-and-push";
import type { MirrorRemote } from "@/lib/workspaces/mirror";
import { fetchMirror } from "@/lib/workspaces/fetch-mirror";
import { assertBranchName, mirrorPath } from "@/lib/workspaces/paths";
import type { LocalRepository } from "@/lib/workspaces/repository";
import { prepareLocalWorkspace, removeLocalWorkspace } from "@/lib/workspaces/workspace";
import type { GitProvider } from "@/lib/git-provider/types";
import { logger } from "@/lib/platform/logger";
import { isStatus, toAppError } from "./github-api-error";
import { publishGitHubCheckRun } from "./github-check-runs";
import { type GitHubContext, githubContext } from "./github-context";
import { getGitHubIssue, getGitHubUserPermission, setGitHubIssueLabels } from "./github-issues";
import {
  closeGitHubPullRequest,
  enableGitHubAutoMerge,
  getGitHubPullRequest,
  mergeGitHubPullRequest,
  openGitHubPullRequest,
  updateGitHubPullRequest,
} from "./github-pull-requests";
import { gitAuthEnv, githubRemote } from "./github-remote";
import { postGitHubReview } from "./github-reviews";
import { pushBranch } from "./push-branch";

const defaultDiffBytes = 1024 * 1024;

/**
 * The git provider of GitHub projects: the REST and GraphQL APIs as the project's App
 * installation, and git over HTTPS with the installation token in git's environment only.
 * Workspaces are the local provider's (a mirror per repository, a worktree per run).
 */
export function createGitHubGitProvider({
  db,
  gh,
  dataDir = env.dataDir,
}: {
  db: Database;
  gh: GitHubApp;
  dataDir?: string;
}): GitProvider {
  const context = (project: Project) => githubContext({ db, gh, project });
  const call = async <T>(project: Project, task: (ctx: GitHubContext) => Promise<T>) => task(await context(project));

  // The mirror and workspaces are keyed by the repository's URL, not a path on disk.
  const repositoryOf = (project: Project): LocalRepository => ({
    path: githubRemote(gh.config.apiUrl, project.repository).mirrorKey,
    gitDir: "",
    workTree: null,
  });
  const authEnv = async (ctx: GitHubContext) =>
    gitAuthEnv(ctx.remote.origin, (await gh.installationToken(ctx.installationId)).token);
  const mirrorRemote = (ctx: GitHubContext): MirrorRemote => ({ url: ctx.remote.cloneUrl, env: () => authEnv(ctx) });

  return {
    kind: "github",

    prepareWorkspace: ({ project, runId, branch, baseBranch }) =>
      call(project, (ctx) =>
        prepareLocalWorkspace({
          dataDir,
          repository: repositoryOf(project),
          runId,
          branch,
          baseBranch,
          remote: mirrorRemote(ctx),
        }),
      ),

    commitAndPush: ({ project, workspace, message }) =>
      call(project, async (ctx) => {
        const pushed = await commitAndPushWorkspace({
          dataDir,
          repository: repositoryOf(project),
          workspace,
          message,
          push: async (target) => pushBranch({ ...target, url: ctx.remote.cloneUrl, authEnv: await authEnv(ctx) }),
        });
        if (pushed)
          await setOpenPullRequestHeadSha({
            db,
            projectId: project.id,
            headBranch: workspace.branch,
            headSha: pushed.sha,
          });
        return pushed;
      }),

    openPullRequest: ({ project, ...input }) => call(project, (ctx) => openGitHubPullRequest(ctx, input)),
    getPullRequest: ({ project, number }) =>
      call(project, async (ctx) => (await getGitHubPullRequest(ctx, number))?.ref ?? null),
    updatePullRequest: ({ project, ...input }) => call(project, (ctx) => updateGitHubPullRequest(ctx, input)),
    closePullRequest: ({ project, number }) => call(project, (ctx) => closeGitHubPullRequest(ctx, number)),
    mergePullRequest: ({ project, ...input }) => call(project, (ctx) => mergeGitHubPullRequest(ctx, input)),
    enableAutoMerge: ({ project, ...input }) => call(project, (ctx) => enableGitHubAutoMerge(ctx, input)),

    comment: ({ project, number, body }) =>
      call(project, async (ctx) => {
        try {
          const { data } = await ctx.octokit.rest.issues.createComment({ ...ctx.repo, issue_number: number, body });
          return { id: String(data.id) };
        } catch (error) {
          throw toAppError(error, "issue");
        }
      }),

    updateComment: ({ project, id, body }) =>
      call(project, async (ctx) => {
        if (!/^\d+$/.test(id)) throw new AppError("not_found:comment", `Comment ${id} does not exist`);
        try {
          await ctx.octokit.rest.issues.updateComment({ ...ctx.repo, comment_id: Number(id), body });
        } catch (error) {
          throw toAppError(error, "comment");
        }
      }),

    setCommitStatus: ({ project, sha, context: name, state, description, targetUrl }) =>
      call(project, async (ctx) => {
        if (!/^[0-9a-f]{40}$/.test(sha)) throw new AppError("bad_request:sha", `"${sha}" is not a full commit sha`);
        try {
          await ctx.octokit.rest.repos.createCommitStatus({
            ...ctx.repo,
            sha,
            state,
            context: name,
            description: description?.slice(0, 140),
            target_url: targetUrl,
          });
        } catch (error) {
          throw toAppError(error, "commit_status");
        }
      }),

    getIssue: ({ project, number }) => call(project, (ctx) => getGitHubIssue(ctx, number)),
    setIssueLabels: ({ project, ...input }) => call(project, (ctx) => setGitHubIssueLabels(ctx, input)),
    getUserPermission: ({ project, login }) => call(project, (ctx) => getGitHubUserPermission(ctx, login)),
    publishCheckRun: ({ project, ...input }) =>
      call(project, (ctx) => publishGitHubCheckRun(ctx, gh.config.appId, input)),

    postReview: ({ project, number, sha, body, comments }) =>
      call(project, (ctx) => postGitHubReview(ctx, { number, sha, body, comments })),

    updateReviewComment: ({ project, id, body }) =>
      call(project, async (ctx) => {
        if (!/^\d+$/.test(id)) throw new AppError("bad_request:comment", `${id} is not a review comment id`);
        try {
          await ctx.octokit.rest.pulls.updateReviewComment({ ...ctx.repo, comment_id: Number(id), body });
        } catch (error) {
          throw toAppError(error, "review_comment");
        }
      }),

    replyToReviewComment: ({ project, number, commentId, body }) =>
      call(project, async (ctx) => {
        if (!/^\d+$/.test(commentId))
          throw new AppError("bad_request:comment", `${commentId} is not a review comment id`);
        try {
          const { data } = await ctx.octokit.rest.pulls.createReplyForReviewComment({
            ...ctx.repo,
            pull_number: number,
            comment_id: Number(commentId),
            body,
          });
          return { id: String(data.id) };
        } catch (error) {
          throw toAppError(error, "review_comment");
        }
      }),

    getBranchDiff: ({ project, baseBranch, branch, maxBytes = defaultDiffBytes }) =>
      call(project, async (ctx) => {
        try {
          const response = await ctx.octokit.rest.repos.compareCommitsWithBasehead({
            ...ctx.repo,
            basehead: `${baseBranch}...${branch}`,
            mediaType: { format: "diff" },
          });
          const text =
            typeof response.data === "string"
              ? response.data
              : diffFromFiles((response.data as CompareJson).files ?? []);
          if (Buffer.byteLength(text) <= maxBytes) return { diff: text, truncated: false };
          const cut = Buffer.from(text).subarray(0, maxBytes).toString("utf8");
          // Never end inside a line (or a multi-byte character).
          return { diff: cut.slice(0, cut.lastIndexOf("\n") + 1), truncated: true };
        } catch (error) {
          if (isStatus(error, 404))
            throw new AppError("not_found:branch", `${project.repository} has no branch ${baseBranch} or ${branch}`);
          throw toAppError(error, "branch");
        }
      }),

    // The exact ref, not GET /branches/{branch}: that one follows a renamed branch to its
    // new name, and git would still find nothing under the old one.
    branchExists: ({ project, branch }) =>
      call(project, async (ctx) => {
        assertBranchName(branch);
        try {
          await ctx.octokit.rest.git.getRef({ ...ctx.repo, ref: `heads/${branch}` });
          return true;
        } catch (error) {
          if (isStatus(error, 404)) return false;
          throw toAppError(error, "branch");
        }
      }),

    readFile: ({ project, branch, path }) =>
      call(project, async (ctx) => {
        assertBranchName(branch);
        try {
          const { data } = await ctx.octokit.rest.repos.getContent({ ...ctx.repo, path, ref: branch });
          // A directory is a list; a symlink or submodule has no content to read.
          if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return null;
          return Buffer.from(data.content, "base64").toString("utf8");
        } catch (error) {
          if (isStatus(error, 404)) return null;
          throw toAppError(error, "file");
        }
      }),

    async removeWorkspace({ project, runId }) {
      await removeLocalWorkspace({ dataDir, repositoryPath: repositoryOf(project).path, runId });
      logger.debug({ runId }, "GitHub workspace removed");
    },

    fetchMirror: ({ project, branches }) =>
      call(project, (ctx) =>
        fetchMirror({ dataDir, repository: repositoryOf(project), branches, remote: mirrorRemote(ctx) }),
      ),

    fetchPullRequestHead: ({ project, number, baseBranch }) =>
      call(project, async (ctx) => {
        const { mirrorDir, heads, pullHeads } = await fetchMirror({
          dataDir,
          repository: repositoryOf(project),
          branches: [baseBranch],
          pullRequests: [number],
          remote: mirrorRemote(ctx),
        });
        return { mirrorDir, baseHead: heads[0] ?? null, headSha: pullHeads[0] ?? null };
      }),

    mirrorDir: ({ project }) => mirrorPath(dataDir, repositoryOf(project).path),
  };
}

type CompareJson = { files?: { filename: string; previous_filename?: string; status: string; patch?: string }[] };

/**
 * A unified diff rebuilt from the compare API's JSON (per-file patches), for servers that
 * answer the diff media type with JSON. Binary or too-large files have no patch: noted.
 */
function diffFromFiles(files: NonNullable<CompareJson["files"]>): string {
  return files
    .map((file) => {
      const from = file.status === "added" ? "/dev/null" : `a/${file.previous_filename ?? file.filename}`;
      const to = file.status === "removed" ? "/dev/null" : `b/${file.filename}`;
      const header = `diff --git a/${file.previous_filename ?? file.filename} b/${file.filename}\n--- ${from}\n+++ ${to}\n`;
      return file.patch ? `${header}${file.patch}\n` : `${header}(no textual diff)\n`;
    })
    .join("");
}
