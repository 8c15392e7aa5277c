import type { ScriptedTaskOption } from "@/components/start-run/scripted-task-picker";
import type { Project } from "@/db/schema";
import { listScriptedTasks } from "@/lib/ai/list-scripted-tasks";
import { logger } from "@/lib/platform/logger";

/** What the start-run dialog lists for a project on the scripted model (null for any other model). */
export function scriptedTaskOptions(project: Pick<Project, "id" | "settings">): ScriptedTaskOption[] | null {
  try {
    return listScriptedTasks(project)?.map(({ title, goal, explanation }) => ({ title, goal, explanation })) ?? null;
  } catch (error) {
    // A broken script file: the run itself reports it; the dialog still opens.
    logger.warn({ err: error, projectId: project.id }, "could not list the scripted model's tasks");
    return null;
  }
}
