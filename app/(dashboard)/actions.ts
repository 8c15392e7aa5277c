"use server";
import { z } from "zod";
import { getDb } from "@/db";
import { getProjectById } from "@/db/queries/projects";
import { getRunById } from "@/db/queries/runs";
import type { Project } from "@/db/schema";
import { can } from "@/lib/auth/actor";
import { getSessionActor, type UserActor } from "@/lib/auth/get-session-actor";
import { requestIp } from "@/lib/auth/request-ip";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { createRun } from "@/lib/runs/create-run";
import { decidePlan } from "@/lib/runs/decide-plan";
import { requestCancel, requestMerge } from "@/lib/runs/request-run-action";

// Thin wrappers over lib/runs: authorize, validate, call, and answer { ok } or { error } so
// forms can show the message. Each action checks the session itself: server actions are
// POSTs that any page can send, whatever proxy.ts covers.

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

async function signedInActor(): Promise<UserActor> {
  // With the address, so the audit log says where a decision came from.
  const actor = await getSessionActor(await requestIp());
  if (!actor) throw new AppError("unauthorized:session", "Your session has ended; sign in again");
  return actor;
}

/** The project, when the person may act on it; another team's project is "not found". */
function writableProject(actor: UserActor, project: Project | undefined, what: "project" | "run"): Project {
  if (!project || !can(actor, project.teamId, "read")) throw new AppError(`not_found:${what}`, what === "run" ? "Run not found" : "Project not found");
  if (!can(actor, project.teamId, "write")) throw new AppError("forbidden:project", "Your role in this team only allows viewing");
  return project;
}

async function authorizeRun(actor: UserActor, runId: string): Promise<void> {
  const db = getDb();
  const run = await getRunById({ db, id: runId });
  writableProject(actor, run && (await getProjectById({ db, id: run.projectId })), "run");
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
    const actor = await signedInActor();
    const data = startRunInput.parse(input);
    const db = getDb();
    const project = writableProject(actor, await getProjectById({ db, id: data.projectId }), "project");
    const run = await createRun({
      db,
      input: { project, goal: data.goal, requirements: data.requirements || null, acceptanceCriteria: data.acceptanceCriteria, autoConfirm: data.autoConfirm, source: "dashboard", createdBy: actor.userId },
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
  return attempt(async () => {
    const actor = await signedInActor();
    const data = planDecisionInput.parse(input);
    await authorizeRun(actor, data.runId);
    return decidePlan({ db: getDb(), actor, ip: actor.ip, input: data });
  });
}

const runInput = z.object({ runId: z.uuid(), reason: z.string().trim().max(2000).optional() });

export async function cancelRunAction(input: z.input<typeof runInput>): Promise<ActionResult> {
  return attempt(async () => {
    const actor = await signedInActor();
    const data = runInput.parse(input);
    await authorizeRun(actor, data.runId);
    await requestCancel({ db: getDb(), runId: data.runId, reason: data.reason, actor, ip: actor.ip });
    return {};
  });
}

export async function mergeRunAction(input: z.input<typeof runInput>): Promise<ActionResult> {
  return attempt(async () => {
    const actor = await signedInActor();
    const { runId } = runInput.parse(input);
    await authorizeRun(actor, runId);
    await requestMerge({ db: getDb(), runId, actor, ip: actor.ip });
    return {};
  });
}
