import type { ScriptTask } from "./script-schema";

/** Whether the goal asks for the task: one of its patterns matches (case-insensitive). */
export function goalMatchesTask(task: ScriptTask, goal: string): boolean {
  return task.match.some((source) => new RegExp(source, "iu").test(goal));
}
