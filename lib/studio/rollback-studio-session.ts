import type { Database } from "@/db/client";
import { getStudioCommits } from "@/db/queries/studio";
import { AppError } from "@/lib/platform/errors";
import { commitStudioChange } from "@/lib/studio/commit-studio-change";
import { editableSession } from "@/lib/studio/editable-session";
import { studioGit } from "@/lib/studio/studio-git";
import { withStudioSession } from "@/lib/studio/with-studio-session";

/**
 * Brings the session's files back to one of its commits, as a new commit on top (kind
 * `rollback`): nothing after it is lost, and the rollback can itself be rolled back.
 * Untracked files (node_modules, build output) are left alone. A commit that is not in the
 * session's history is a 400 and changes nothing.
 */
export async function rollbackStudioSession({
  db,
  sessionId,
  commitHash,
  userId,
}: {
  db: Database;
  sessionId: string;
  commitHash: string;
  userId?: string | null;
}): Promise<{ currentHash: string; rolledBack: boolean }> {
  return withStudioSession(sessionId, async () => {
    const { session, workspacePath } = await editableSession({ db, sessionId });
    const wanted = commitHash.toLowerCase();
    const target = (await getStudioCommits({ db, sessionId })).find(
      (commit) => commit.sha === wanted || (wanted.length >= 7 && commit.sha.startsWith(wanted)),
    );
    if (!target) throw new AppError("bad_request:commitHash", `${commitHash} is not a commit of this session`);
    const git = await studioGit(workspacePath);
    // Every tracked path as it was at the target: changed files restored, later files removed.
    await git(["restore", `--source=${target.sha}`, "--staged", "--worktree", "--", ":/"]);
    const commit = await commitStudioChange({
      db,
      session,
      workspacePath,
      kind: "rollback",
      description: `Rollback to ${target.sha.slice(0, 12)} (${target.description.split("\n")[0]!.slice(0, 120)})`,
      restoredSha: target.sha,
      userId,
    });
    return { currentHash: commit?.sha ?? session.headSha ?? target.sha, rolledBack: commit !== null };
  });
}
