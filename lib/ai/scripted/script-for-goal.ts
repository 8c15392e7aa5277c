import { AppError } from "@/lib/platform/errors";
import { goalMatchesTask } from "./goal-matches-task";
import type { Script } from "./script-schema";
import { unscriptedGoalMessage } from "./unscripted-goal-message";

/**
 * The script that plays `goal`: the only script of a file that names no task (a test
 * script plays whatever it is given), else the script whose task the goal matches. A goal
 * no task matches is refused with what to do instead, never played with another task's script.
 */
export function scriptForGoal(scripts: Script[], goal: string | undefined): Script {
  const [first] = scripts;
  if (first && scripts.length === 1 && !first.task) return first;
  const found =
    goal === undefined ? undefined : scripts.find((script) => script.task && goalMatchesTask(script.task, goal));
  if (found) return found;
  const tasks = scripts.flatMap((script) => (script.task ? [script.task] : []));
  throw new AppError("bad_request:goal", unscriptedGoalMessage(tasks));
}
