import type { Database } from "@/db/client";
import { createComment, updateCommentBody } from "@/db/queries/comments";
import { upsertCommitStatus } from "@/db/queries/commit-statuses";
import { setOpenPullRequestHeadSha } from "@/db/queries/pull-requests";
import type { Project } from "@/db/schema";
import type { GitProvider } from "@/lib/git-provider/types";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { commitAndPushWorkspace } from "./commit-and-push";
import { mergeLocalPullRequest } from "./merge-pull-request";
import { closeLocalPullRequest, getLocalPullRequest, openLocalPullRequest, updateLocalPullRequest } from "./pull-requests";
import { openRepository } from "./repository";
import { prepareLocalWorkspace, removeLocalWorkspace } from "./workspace";

// Comments and statuses written by the pipeline carry this author.
const commentAuthor = "mergeline";
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
      const pushed = await commitAndPushWorkspace({ dataDir, repository: await repositoryOf(project), workspace, message });
      if (pushed) await setOpenPullRequestHeadSha({ db, projectId: project.id, headBranch: workspace.branch, headSha: pushed.sha });
      return pushed;
    },

    // async, so a wrong project rejects the promise rather than throwing synchronously.
    openPullRequest: async (input) => openLocalPullRequest({ db, ...input, project: localProject(input.project) }),
    getPullRequest: async (input) => getLocalPullRequest({ db, ...input, project: localProject(input.project) }),
    updatePullRequest: async (input) => updateLocalPullRequest({ db, ...input, project: localProject(input.project) }),
    closePullRequest: async (input) => closeLocalPullRequest({ db, ...input, project: localProject(input.project) }),
    mergePullRequest: async (input) => mergeLocalPullRequest({ db, dataDir, ...input, project: localProject(input.project) }),

    async comment({ project, number, body }) {
      if (!Number.isInteger(number) || number < 1) throw new AppError("bad_request:number", `${number} is not an issue or PR number`);
      const row = await createComment({ db, projectId: localProject(project).id, number, author: commentAuthor, body });
      return { id: row.id };
    },

    async updateComment({ project, id, body }) {
      const row = uuidPattern.test(id) ? await updateCommentBody({ db, projectId: localProject(project).id, id, body }) : undefined;
      if (!row) throw new AppError("not_found:comment", `Comment ${id} does not exist`);
    },

    async setCommitStatus({ project, sha, context, state, description, targetUrl }) {
      if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha)) throw new AppError("bad_request:sha", `"${sha}" is not a full commit sha`);
      await upsertCommitStatus({ db, values: { projectId: localProject(project).id, sha, context, state, description, targetUrl } });
    },

    async removeWorkspace({ project, runId }) {
      await removeLocalWorkspace({ dataDir, repositoryPath: localRepositoryPath(project), runId });
    },
  };
}

function localProject(project: Project): Project {
  if (project.provider !== "local") {
    throw new AppError("bad_request:provider", `Project ${project.name} uses the ${project.provider} provider, not the local one`);
  }
  return project;
}

const localRepositoryPath = (project: Project) => localProject(project).repository;
