import type { Database } from "@/db/client";
import { createComment, updateCommentBody } from "@/db/queries/comments";
import { upsertCheckRun } from "@/db/queries/check-runs";
import { upsertCommitStatus } from "@/db/queries/commit-statuses";
import { changeIssueLabels, getIssueByNumber } from "@/db/queries/issue-labels";
import { setOpenPullRequestHeadSha } from "@/db/queries/pull-requests";
import type { Project } from "@/db/schema";
import type { GitProvider } from "@/lib/git-provider/types";
import { env } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";
import { commitAndPushWorkspace } from "./commit-and-push";
import { listBranchDiff } from "./list-branch-diff";
import { mergeLocalPullRequest } from "./merge-pull-request";
import {
  closeLocalPullRequest,
  getLocalPullRequest,
  openLocalPullRequest,
  updateLocalPullRequest,
} from "./pull-requests";
import { openRepository, readBranchFile, readBranchSha } from "@/lib/workspaces/repository";
import { prepareLocalWorkspace, removeLocalWorkspace } from "@/lib/workspaces/workspace";
import { fetchMirror } from "@/lib/workspaces/fetch-mirror";
import { mirrorPath } from "@/lib/workspaces/paths";
import { isUuid } from "@/lib/platform/uuid";

// Comments and statuses written by the pipeline carry this author.
const commentAuthor = "mergeline";

/**
 * The git provider of projects whose repository is a path on this machine. Mirrors and
 * workspaces go under `dataDir` (MERGELINE_DATA_DIR unless a test gives its own).
 */
export function createLocalGitProvider({ db, dataDir = env.dataDir }: { db: Database; dataDir?: string }): GitProvider {
  const repositoryOf = (project: Project) => openRepository(localRepositoryPath(project));

  return {
    kind: "local",

    async prepareWorkspace({ project, runId, branch, baseBranch }) {
      return prepareLocalWorkspace({ dataDir, repository: await repositoryOf(project), runId, branch, baseBranch });
    },

    async commitAndPush({ project, workspace, message }) {
      const pushed = await commitAndPushWorkspace({
        dataDir,
        repository: await repositoryOf(project),
        workspace,
        message,
      });
      if (pushed)
        await setOpenPullRequestHeadSha({
          db,
          projectId: project.id,
          headBranch: workspace.branch,
          headSha: pushed.sha,
        });
      return pushed;
    },

    // async, so a wrong project rejects the promise rather than throwing synchronously.
    openPullRequest: async (input) => openLocalPullRequest({ db, ...input, project: localProject(input.project) }),
    getPullRequest: async (input) => getLocalPullRequest({ db, ...input, project: localProject(input.project) }),
    updatePullRequest: async (input) => updateLocalPullRequest({ db, ...input, project: localProject(input.project) }),
    closePullRequest: async (input) => closeLocalPullRequest({ db, ...input, project: localProject(input.project) }),
    mergePullRequest: async (input) =>
      mergeLocalPullRequest({ db, dataDir, ...input, project: localProject(input.project) }),

    async comment({ project, number, body }) {
      assertNumber(number);
      const row = await createComment({ db, projectId: localProject(project).id, number, author: commentAuthor, body });
      return { id: row.id };
    },

    async updateComment({ project, id, body }) {
      const row = isUuid(id)
        ? await updateCommentBody({ db, projectId: localProject(project).id, id, body })
        : undefined;
      if (!row) throw new AppError("not_found:comment", `Comment ${id} does not exist`);
    },

    async setCommitStatus({ project, sha, context, state, description, targetUrl }) {
      assertSha(sha);
      await upsertCommitStatus({
        db,
        values: { projectId: localProject(project).id, sha, context, state, description, targetUrl },
      });
    },

    async getIssue({ project, number }) {
      assertNumber(number);
      const row = await getIssueByNumber({ db, projectId: localProject(project).id, number });
      if (!row) return null;
      const state = row.state === "closed" ? "closed" : "open";
      return {
        number: row.number,
        title: row.title,
        body: row.body,
        url: row.url,
        state,
        author: row.author,
        labels: row.labels,
      };
    },

    // Local issues keep their labels in the issues row; there is no label catalogue to create.
    async setIssueLabels({ project, number, add, remove }) {
      assertNumber(number);
      const row = await changeIssueLabels({
        db,
        projectId: localProject(project).id,
        number,
        add: cleanLabels(add),
        remove: cleanLabels(remove),
      });
      if (!row) throw new AppError("not_found:issue", `Issue #${number} does not exist`);
    },

    // Whoever reaches a local project through Mergeline owns the repository on this machine.
    getUserPermission: async ({ project }) => (localProject(project), "admin"),

    async publishCheckRun({ project, sha, name, status, conclusion, title, summary, text, annotations, detailsUrl }) {
      assertSha(sha);
      if (!name.trim()) throw new AppError("bad_request:name", "A check run needs a name");
      if (status === "completed" && !conclusion)
        throw new AppError("bad_request:conclusion", "A completed check run needs a conclusion");
      const row = await upsertCheckRun({
        db,
        values: {
          projectId: localProject(project).id,
          sha,
          name,
          status,
          conclusion: status === "completed" ? conclusion : null,
          title,
          summary,
          text,
          annotations,
          detailsUrl,
        },
      });
      return { id: row.id };
    },

    async postReview({ project, number, body, comments }) {
      assertNumber(number);
      const projectId = localProject(project).id;
      const review = await createComment({ db, projectId, number, author: commentAuthor, body });
      const commentIds: string[] = [];
      for (const comment of comments) {
        const row = await createComment({
          db,
          projectId,
          number,
          author: commentAuthor,
          body: comment.body,
          path: comment.path,
          line: comment.line,
          inReplyTo: review.id,
        });
        commentIds.push(row.id);
      }
      return { id: review.id, commentIds };
    },

    async updateReviewComment({ project, id, body }) {
      const row = isUuid(id)
        ? await updateCommentBody({ db, projectId: localProject(project).id, id, body })
        : undefined;
      if (!row) throw new AppError("not_found:comment", `Comment ${id} does not exist`);
    },

    async replyToReviewComment({ project, number, commentId, body }) {
      assertNumber(number);
      const row = await createComment({
        db,
        projectId: localProject(project).id,
        number,
        author: commentAuthor,
        body,
        inReplyTo: commentId,
      });
      return { id: row.id };
    },

    getBranchDiff: async ({ project, baseBranch, branch, maxBytes }) =>
      listBranchDiff({ project: localProject(project), baseBranch, branch, maxBytes }),

    enableAutoMerge: async ({ project }) => (
      localProject(project), { enabled: false, reason: "Local repositories have no host to merge on its own" }
    ),

    branchExists: async ({ project, branch }) => (await readBranchSha(await repositoryOf(project), branch)) !== null,

    readFile: async ({ project, branch, path }) => readBranchFile(await repositoryOf(project), branch, path),

    async removeWorkspace({ project, runId }) {
      await removeLocalWorkspace({ dataDir, repositoryPath: localRepositoryPath(project), runId });
    },

    fetchMirror: async ({ project, branches }) =>
      fetchMirror({ dataDir, repository: await repositoryOf(project), branches }),

    // Local repositories have no forks: a PR's head is a branch of the repository.
    fetchPullRequestHead: async ({ project, baseBranch, headBranch }) => {
      const { mirrorDir, heads } = await fetchMirror({
        dataDir,
        repository: await repositoryOf(project),
        branches: [baseBranch, headBranch],
      });
      return { mirrorDir, baseHead: heads[0] ?? null, headSha: heads[1] ?? null };
    },

    mirrorDir: ({ project }) => mirrorPath(dataDir, localRepositoryPath(project)),
  };
}

function localProject(project: Project): Project {
  if (project.provider !== "local") {
    throw new AppError(
      "bad_request:provider",
      `Project ${project.name} uses the ${project.provider} provider, not the local one`,
    );
  }
  return project;
}

const localRepositoryPath = (project: Project) => localProject(project).repository;

function assertNumber(number: number): void {
  if (!Number.isInteger(number) || number < 1)
    throw new AppError("bad_request:number", `${number} is not an issue or PR number`);
}

function assertSha(sha: string): void {
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha))
    throw new AppError("bad_request:sha", `"${sha}" is not a full commit sha`);
}

function cleanLabels(labels: string[]): string[] {
  const cleaned = labels.map((label) => label.trim());
  const bad = cleaned.find((label) => !label || label.length > 50);
  if (bad !== undefined) throw new AppError("bad_request:label", `"${bad}" is not a label name (1 to 50 characters)`);
  return cleaned;
}
