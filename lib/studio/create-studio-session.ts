import { randomUUID } from "node:crypto";
import type { Database } from "@/db/client";
import { countLiveStudioSessions, deleteStudioSession, insertStudioSession } from "@/db/queries/studio";
import type { Project, StudioSession } from "@/db/schema";
import { getGitProvider } from "@/lib/git-provider";
import { inngest } from "@/lib/inngest/client";
import { studioSessionRequested } from "@/lib/inngest/events";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { REPOSITORY_CONFIG_FILE } from "@/lib/runs/repository-config";
import { studioBranch } from "@/lib/studio/studio-names";
import { studioProjectSettings } from "@/lib/studio/studio-project-settings";
import { type StudioSettings, studioSettings } from "@/lib/studio/studio-settings";
import { assertBranchName } from "@/lib/workspaces/paths";

/**
 * Opens a studio session on a pinned project: checks what can be checked at once (a dev
 * or preview command to run, the base branch, the server's session limit), records the
 * session `starting` and hands it to its durable function (`studio/session.requested`),
 * which brings the app up. Nothing is left behind when the engine cannot be reached.
 */
export async function createStudioSession({
  db,
  project,
  baseBranch,
  userId,
  settings = studioSettings(),
}: {
  db: Database;
  project: Project;
  baseBranch?: string;
  userId?: string | null;
  settings?: StudioSettings;
}): Promise<StudioSession> {
  if (!project.pinned) throw new AppError("conflict:project", "The project is not pinned");
  // Without repository config the answer is known before the branch is looked at.
  if (!project.settings.useRepositoryConfig && !project.settings.devCommand && !project.settings.previewCommand)
    throw noCommand(false);
  const base = baseBranch ?? project.defaultBranch;
  try {
    assertBranchName(base);
  } catch {
    throw new AppError("bad_request:baseBranch", `"${base}" is not a valid branch name`);
  }
  const provider = getGitProvider(project, { db });
  if (!(await provider.branchExists({ project, branch: base })))
    throw new AppError("bad_request:baseBranch", `The repository has no branch ${base}`);
  if (project.settings.useRepositoryConfig) {
    // A malformed file is not refused here: the session starts and fails with the file's
    // error as its reason, where the person who opened it sees it (as a run does).
    const effective = await studioProjectSettings({ project, provider, baseBranch: base }).catch(() => null);
    if (effective && !effective.devCommand && !effective.previewCommand) throw noCommand(true);
  }
  if ((await countLiveStudioSessions({ db })) >= settings.maxSessions)
    throw new AppError(
      "rate_limited:studio_sessions",
      `This server already runs ${settings.maxSessions} studio sessions (MERGELINE_STUDIO_MAX_SESSIONS); stop one first`,
    );
  const id = randomUUID();
  const session = await insertStudioSession({
    db,
    projectId: project.id,
    values: { id, userId: userId ?? null, status: "starting", branch: studioBranch(id), baseBranch: base },
  });
  try {
    await inngest.send(studioSessionRequested.create({ sessionId: id, projectId: project.id }));
  } catch (error) {
    await deleteStudioSession({ db, id });
    logger.error({ err: error, sessionId: id }, "studio: could not hand the session to the engine");
    throw new AppError("unavailable:pipeline", "The pipeline engine is not reachable; the session was not started");
  }
  return session;
}

function noCommand(repositoryConfig: boolean): AppError {
  return new AppError(
    "bad_request:devCommand",
    `The project has no dev command (settings.devCommand${repositoryConfig ? `, or dev in ${REPOSITORY_CONFIG_FILE}` : ""}) or preview command to run the app with`,
  );
}
