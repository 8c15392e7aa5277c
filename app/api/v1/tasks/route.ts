// POST /api/v1/tasks: turn a task from another system into a run of a project (source "task"); write; 201 with the run
import { z } from "zod";
import { actorUserId } from "@/lib/api/actor-user-id";
import { defineRoute } from "@/lib/api/define-route";
import { describeMissingBranch } from "@/lib/api/describe-missing-branch";
import { loadProjectFor } from "@/lib/api/load-project-for";
import { acceptanceCriteriaField, requirementsField } from "@/lib/api/run-inputs";
import { apiRunSchema, toApiRun } from "@/lib/api/schemas/run";
import { createTaskRun, taskPriorities } from "@/lib/intake/create-task-run";
import { AppError } from "@/lib/platform/errors";
import { assertProjectPinned } from "@/lib/projects/assert-project-pinned";

export const POST = defineRoute({
  method: "POST",
  path: "/tasks",
  tag: "tasks",
  summary: "Create a task",
  description:
    "The title becomes the run's goal; description and requirements are what the planner reads as requirements. " +
    "The run starts from the project's default branch: one the repository does not have is a 400 `bad_request:project`.",
  permission: "write",
  status: 201,
  body: z
    .object({
      title: z.string().trim().min(3, "Describe the task in a few words").max(500),
      description: z.string().trim().max(20_000).optional(),
      requirements: requirementsField.optional(),
      acceptanceCriteria: acceptanceCriteriaField.optional(),
      priority: z.enum(taskPriorities).optional().describe("Defaults to normal"),
      project: z.uuid().describe("The project's id"),
    })
    .strict(),
  response: apiRunSchema,
  errors: ["conflict", "not_found", "unavailable"],
  handler: async ({ db, actor, body: { project: projectId, ...task } }) => {
    const project = await loadProjectFor({ db, actor, projectId, permission: "write" });
    assertProjectPinned(project);
    const missing = await describeMissingBranch({ db, project, branch: project.defaultBranch });
    if (missing)
      throw new AppError(
        "bad_request:project",
        `project: ${missing} (the project's default branch, where tasks start)`,
      );
    return toApiRun(await createTaskRun({ db, project, task, createdBy: actorUserId(actor) }));
  },
});
