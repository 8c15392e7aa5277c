"use server";
import { z } from "zod";
import { getDb } from "@/db";
import { getProjectById } from "@/db/queries/projects";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { createRun } from "@/lib/runs/create-run";
import { decidePlan } from "@/lib/runs/decide-plan";
import { requestCancel, requestMerge } from "@/lib/runs/request-run-action";

// Thin wrappers over lib/runs: validate, call, and answer { ok } or { error } so forms can
// show the message. TODO(issue 7): check the signed-in user's role on the project.

export type ActionResult<T extends object = object> = ({ ok: true } & T) | { ok: false; error: string };

async function attempt<T extends object>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, ...(await work()) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.message };
    if (error instanceof z.ZodError) return { ok: false, error: error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; ") };
    logger.error({ err: error }, "server action failed");
    return { ok: false, error: "Something went wrong; nothing was changed" };
  }
}

const startRunInput = z.object({
  projectId: z.uuid(),
  goal: z.string().trim().min(3, "describe the goal in a few words").max(10_000),
  requirements: z.string().trim().max(20_000).optional(),
  acceptanceCriteria: z.array(z.string().trim().min(1).max(1000)).max(50).default([]),
  autoConfirm: z.boolean().default(false),
});

export async function startRunAction(input: z.input<typeof startRunInput>): Promise<ActionResult<{ runId: string }>> {
  return attempt(async () => {
    const data = startRunInput.parse(input);
    const db = getDb();
    const project = await getProjectById({ db, id: data.projectId });
    if (!project) throw new AppError("not_found:project", "Project not found");
    const run = await createRun({
      db,
      input: { project, goal: data.goal, requirements: data.requirements || null, acceptanceCriteria: data.acceptanceCriteria, autoConfirm: data.autoConfirm, source: "dashboard" },
    });
    return { runId: run.id };
  });
}

const planDecisionInput = z.object({
  runId: z.uuid(),
  decision: z.enum(["approve", "reject"]),
  reason: z.string().trim().max(2000).optional(),
});

export async function decidePlanAction(input: z.input<typeof planDecisionInput>): Promise<ActionResult<{ planVersion: number }>> {
  return attempt(async () => decidePlan({ db: getDb(), input: planDecisionInput.parse(input) }));
}

const runInput = z.object({ runId: z.uuid(), reason: z.string().trim().max(2000).optional() });

export async function cancelRunAction(input: z.input<typeof runInput>): Promise<ActionResult> {
  return attempt(async () => {
    const data = runInput.parse(input);
    await requestCancel({ db: getDb(), runId: data.runId, reason: data.reason });
    return {};
  });
}

export async function mergeRunAction(input: z.input<typeof runInput>): Promise<ActionResult> {
  return attempt(async () => {
    await requestMerge({ db: getDb(), runId: runInput.parse(input).runId });
    return {};
  });
}
