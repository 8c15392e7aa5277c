import type { Database } from "@/db/client";
import type { Project, Run } from "@/db/schema";
import { assertProjectPinned } from "@/lib/projects/assert-project-pinned";
import { createRun } from "@/lib/runs/create-run";

export const taskPriorities = ["low", "normal", "high", "urgent"] as const;
export type TaskPriority = (typeof taskPriorities)[number];

// runs.priority is an integer so queues can order by it; "normal" is the default 0.
const priorityValue: Record<TaskPriority, number> = { low: -1, normal: 0, high: 1, urgent: 2 };

export type TaskInput = {
  title: string;
  description?: string;
  requirements?: string;
  acceptanceCriteria?: string[];
  priority?: TaskPriority;
};

/**
 * A task posted by another system becomes a run (source "task"): the title is the goal,
 * and the description and requirements together are what the planner reads as requirements.
 */
export async function createTaskRun({
  db,
  project,
  task,
  createdBy,
}: {
  db: Database;
  project: Project;
  task: TaskInput;
  createdBy: string | null;
}): Promise<Run> {
  assertProjectPinned(project);
  const requirements = [task.description, task.requirements].filter((part) => part?.trim()).join("\n\n");
  return createRun({
    db,
    input: {
      project,
      goal: task.title,
      requirements: requirements || null,
      acceptanceCriteria: task.acceptanceCriteria ?? [],
      priority: priorityValue[task.priority ?? "normal"],
      source: "task",
      createdBy,
    },
  });
}
