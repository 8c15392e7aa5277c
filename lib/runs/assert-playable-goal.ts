import type { Database } from "@/db/client";
import type { Project } from "@/db/schema";
import { listScriptedTasks } from "@/lib/ai/list-scripted-tasks";
import { goalMatchesTask } from "@/lib/ai/scripted/goal-matches-task";
import { unscriptedGoalMessage } from "@/lib/ai/scripted/unscripted-goal-message";
import { getGitProvider } from "@/lib/git-provider";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";

/**
 * Refuses, before a run exists, what the project's scripted model cannot honestly do: a
 * goal none of its tasks matches (400 `bad_request:goal`, saying how to get a real model),
 * and a task already done on the base branch (409 `conflict:goal`: its script would make
 * edits that are already there, and every attempt would fail). Real models pass untouched.
 */
export async function assertPlayableGoal({
  db,
  project,
  goal,
  baseBranch,
}: {
  db: Database;
  project: Project;
  goal: string;
  baseBranch: string;
}): Promise<void> {
  const tasks = listScriptedTasks(project);
  if (!tasks) return;
  const task = tasks.find((candidate) => goalMatchesTask(candidate, goal));
  if (!task) throw new AppError("bad_request:goal", unscriptedGoalMessage(tasks));
  if (!task.doneWhen) return;
  const { path, contains } = task.doneWhen;
  let content: string | null;
  try {
    content = await getGitProvider(project, { db }).readFile({ project, branch: baseBranch, path });
  } catch (error) {
    // A repository that cannot be read is the pipeline's to report; this check blocks nothing it cannot make.
    logger.warn({ err: error, projectId: project.id }, "could not check whether a scripted task is done");
    return;
  }
  if (content?.includes(contains)) {
    throw new AppError(
      "conflict:goal",
      `"${task.title}" is already done on ${baseBranch}: ${path} already has ${contains.trim()}, so the scripted ` +
        "model has nothing left to do for it. Pick another task, or use a real model for new work.",
    );
  }
}
