import type { Database } from "@/db/client";
import { getProjectById } from "@/db/queries/projects";
import { insertStudioCommit, updateStudioSession } from "@/db/queries/studio";
import type { StudioCommit, StudioCommitKind, StudioSession } from "@/db/schema";
import { getGitProvider } from "@/lib/git-provider";
import { AppError } from "@/lib/platform/errors";
import { publishStudioEvent } from "@/lib/studio/publish-studio-event";
import { studioCommitMessage } from "@/lib/studio/studio-commit-message";
import { studioGit } from "@/lib/studio/studio-git";
import { studioBranch } from "@/lib/studio/studio-names";
import { studioSettings } from "@/lib/studio/studio-settings";

/**
 * Commits everything the workspace holds as one commit on the session's branch (message
 * from the pattern), pushes it, and records it in the session's history. Null when the
 * workspace holds no change. Callers hold the session's lock (with-studio-session.ts).
 */
export async function commitStudioChange({
  db,
  session,
  workspacePath,
  kind,
  description,
  userId,
  restoredSha,
  pattern = studioSettings().commitMessage,
}: {
  db: Database;
  session: StudioSession;
  workspacePath: string;
  kind: Exclude<StudioCommitKind, "start">;
  description: string;
  userId?: string | null;
  restoredSha?: string;
  pattern?: string;
}): Promise<StudioCommit | null> {
  const project = await getProjectById({ db, id: session.projectId });
  if (!project) throw new AppError("not_found:project", "The session's project is gone");
  const branch = session.branch ?? studioBranch(session.id);
  const before = session.headSha ?? session.baseSha;
  if (!before) throw new AppError("conflict:studio_session", "The session has not started yet");
  const message = studioCommitMessage(pattern, description);
  const pushed = await getGitProvider(project, { db }).commitAndPush({
    project,
    workspace: {
      path: workspacePath,
      branch,
      baseBranch: session.baseBranch ?? project.defaultBranch,
      headSha: before,
      resumed: true,
    },
    message,
  });
  if (!pushed) return null;
  const git = await studioGit(workspacePath);
  const files = (await git(["diff", "--name-only", before, pushed.sha])).split("\n").filter(Boolean);
  const commit = await insertStudioCommit({
    db,
    values: {
      sessionId: session.id,
      sha: pushed.sha,
      kind,
      description: description.trim().slice(0, 2000) || "change",
      message,
      restoredSha: restoredSha ?? null,
      files,
      userId: userId ?? null,
    },
  });
  await updateStudioSession({ db, id: session.id, values: { headSha: pushed.sha, lastActivityAt: new Date() } });
  await publishStudioEvent(session, "studio.commit", {
    sha: commit.sha,
    kind: commit.kind,
    description: commit.description,
    message: commit.message,
    files: commit.files,
    createdAt: commit.createdAt.toISOString(),
  });
  return commit;
}
