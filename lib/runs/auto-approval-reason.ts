import type { Project, Run } from "@/db/schema";

const startedFrom: Record<Run["source"], string> = {
  dashboard: "from the dashboard",
  api: "through the API",
  task: "as a task",
  issue: "from its issue",
  studio: "from a studio session",
};

/**
 * Why a plan was approved with no person deciding, named after what really decided it: the
 * project's setting, or the run itself, started with auto-approve while the setting was off.
 * Runs from before autoConfirmSource was recorded are judged by the project's setting now.
 */
export function autoApprovalReason(
  run: Pick<Run, "source" | "autoConfirmSource">,
  project: { settings: Pick<Project["settings"], "autoConfirmPlans"> },
): string {
  const source = run.autoConfirmSource ?? (project.settings.autoConfirmPlans ? "project" : "run");
  return source === "project"
    ? "Approved automatically: the project's settings approve plans automatically"
    : `Approved automatically: the run was started with auto-approve ${startedFrom[run.source]}`;
}
