import type { Database } from "@/db/client";
import { getProjectById } from "@/db/queries/projects";
import { insertPlanVersion } from "@/db/queries/plans";
import { getStudioCommits, updateStudioSession } from "@/db/queries/studio";
import { getGitProvider, type PullRequestRef } from "@/lib/git-provider";
import { inngest } from "@/lib/inngest/client";
import { studioStopRequested } from "@/lib/inngest/events";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { createRun } from "@/lib/runs/create-run";
import { editableSession } from "@/lib/studio/editable-session";
import { studioBranch } from "@/lib/studio/studio-names";
import { tearDownStudioSession } from "@/lib/studio/tear-down-studio-session";
import { withStudioSession } from "@/lib/studio/with-studio-session";

export type FinalizedSession = { pullRequestNumber: number; pullRequestUrl: string | null; runId: string };

/**
 * Ends a session in a pull request: the session's branch with every commit it made, a
 * title and description (the description followed by the list of commits), and a run
 * attached to that PR that starts at validation (no new coding) and then follows the
 * project's validation and merge policy like any run. The session's processes and
 * workspace go; the branch stays.
 */
export async function finalizeStudioSession({
  db,
  sessionId,
  title,
  description,
  userId,
}: {
  db: Database;
  sessionId: string;
  title: string;
  description: string;
  userId?: string | null;
}): Promise<FinalizedSession> {
  return withStudioSession(sessionId, async () => {
    const { session } = await editableSession({ db, sessionId });
    const project = await getProjectById({ db, id: session.projectId });
    if (!project) throw new AppError("not_found:project", "The session's project is gone");
    const commits = (await getStudioCommits({ db, sessionId })).filter((commit) => commit.kind !== "start");
    if (commits.length === 0 || !session.headSha || session.headSha === session.baseSha)
      throw new AppError("conflict:studio_session", "The session has no change to finalize");
    const branch = session.branch ?? studioBranch(session.id);
    const baseBranch = session.baseBranch ?? project.defaultBranch;
    const files = [...new Set(commits.flatMap((commit) => commit.files))];
    const body = [
      description.trim() || title,
      "",
      `Made in a Mergeline studio session (${commits.length} commit${commits.length === 1 ? "" : "s"}):`,
      "",
      ...commits.map((commit) => `- ${commit.sha.slice(0, 12)} ${commit.message}`),
    ].join("\n");
    let pullRequest: PullRequestRef | undefined;
    const run = await createRun({
      db,
      input: {
        project,
        goal: title,
        requirements: description.trim() || null,
        source: "studio",
        baseBranch,
        autoConfirm: true,
        createdBy: userId ?? null,
        branch,
      },
      beforeStart: async (created) => {
        await insertPlanVersion({
          db,
          runId: created.id,
          status: "approved",
          authorId: userId ?? null,
          content: {
            summary: title,
            steps: commits.map((commit) => ({ title: commit.description.split("\n")[0]!.slice(0, 200) })),
            files,
            acceptanceChecks: [],
          },
        });
        pullRequest = await getGitProvider(project, { db }).openPullRequest({
          project,
          runId: created.id,
          branch,
          baseBranch,
          title,
          body,
        });
        // Before the run starts: its checkout of the branch must not find the session's worktree on it.
        await updateStudioSession({ db, id: sessionId, values: { runId: created.id } });
        await tearDownStudioSession({
          db,
          sessionId,
          status: "finalized",
          reason: `Finalized as pull request #${pullRequest.number}`,
        });
      },
    });
    const opened = pullRequest!;
    await inngest
      .send(studioStopRequested.create({ sessionId, reason: "finalized" }))
      .catch((error: unknown) =>
        logger.warn({ err: error, sessionId }, "studio: could not wake the session's function"),
      );
    return { pullRequestNumber: opened.number, pullRequestUrl: opened.url, runId: run.id };
  });
}
