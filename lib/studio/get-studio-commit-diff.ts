import type { Database } from "@/db/client";
import { getProjectById } from "@/db/queries/projects";
import { getStudioCommits } from "@/db/queries/studio";
import type { StudioSession } from "@/db/schema";
import { AppError } from "@/lib/platform/errors";
import { openRepository, repositoryGit } from "@/lib/workspaces/repository";

const MAX_DIFF_BYTES = 512 * 1024;

/**
 * The diff one history entry made (against its parent), read from the project's
 * repository where the session pushed it: it stays readable after the session ended.
 * Local projects only; GitHub projects' diffs are on GitHub.
 */
export async function getStudioCommitDiff({
  db,
  session,
  sha,
}: {
  db: Database;
  session: StudioSession;
  sha: string;
}): Promise<{ diff: string; truncated: boolean }> {
  const commit = (await getStudioCommits({ db, sessionId: session.id })).find((entry) => entry.sha === sha);
  if (!commit) throw new AppError("not_found:commit", "Not a commit of this session");
  if (commit.kind === "start") return { diff: "", truncated: false };
  const project = await getProjectById({ db, id: session.projectId });
  if (project?.provider !== "local") return { diff: "", truncated: false };
  const repository = await openRepository(project.repository);
  const diff = await repositoryGit(repository, ["show", "--format=", "--patch", "--no-color", "--no-ext-diff", sha], {
    trim: false,
  });
  if (Buffer.byteLength(diff) <= MAX_DIFF_BYTES) return { diff, truncated: false };
  const cut = diff.slice(0, MAX_DIFF_BYTES);
  return { diff: cut.slice(0, cut.lastIndexOf("\n") + 1), truncated: true };
}
