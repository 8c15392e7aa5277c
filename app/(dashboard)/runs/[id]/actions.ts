"use server";
import { z } from "zod";
import { getDb } from "@/db";
import { parseActionInput } from "@/lib/api/parse-action-input";
import { type ActionResult, runAction } from "@/lib/platform/run-action";
import { getProjectById } from "@/db/queries/projects";
import { getRunById } from "@/db/queries/runs";
import type { Project, Run } from "@/db/schema";
import { planContentSchema, parsePlanContent } from "@/lib/agents/plan-schema";
import { can } from "@/lib/auth/actor";
import { getSessionActor, type UserActor } from "@/lib/auth/get-session-actor";
import { requestIp } from "@/lib/auth/request-ip";
import { AppError } from "@/lib/platform/errors";
import { decidePlan } from "@/lib/runs/decide-plan";
import { retryStrategyNames } from "@/lib/projects/settings";
import { retryRun } from "@/lib/runs/retry-run";
import { requestCandidatePick } from "@/lib/runs/request-candidate-pick";

// The run page's decisions: thin wrappers over lib/runs that check the session and the
// team role, validate with zod, and answer { ok } or { error } for the page to show.
// Nothing is written before all of that has passed.

/** The run and its project, when the signed-in person may act on it (member or admin of its team). */
async function writableRun(runId: string): Promise<{ actor: UserActor; run: Run; project: Project }> {
  const actor = await getSessionActor(await requestIp());
  if (!actor) throw new AppError("unauthorized:session", "Your session has ended; sign in again");
  const db = getDb();
  const run = await getRunById({ db, id: runId });
  const project = run && (await getProjectById({ db, id: run.projectId }));
  // Another team's run is "not found": its existence is not shown either.
  if (!run || !project || !can(actor, project, "read")) throw new AppError("not_found:run", "Run not found");
  if (!can(actor, project, "write"))
    throw new AppError("forbidden:project", "Your role in this team only allows viewing");
  return { actor, run, project };
}

const runId = z.uuid("Must be a run id (a UUID)");

const approveInput = z.object({ runId, plan: planContentSchema.optional() }).strict();

/** Approves the proposed plan, or (with `plan`) the person's edit of it as a new version. */
export async function approvePlanAction(
  input: z.input<typeof approveInput>,
): Promise<ActionResult<{ planVersion: number }>> {
  return runAction(async () => {
    const data = parseActionInput(approveInput, input);
    const { actor } = await writableRun(data.runId);
    const edited = data.plan ? parsePlanContent(data.plan) : null;
    if (edited && !edited.success) throw edited.error;
    return decidePlan({
      db: getDb(),
      actor,
      ip: actor.ip,
      input: { runId: data.runId, decision: "approve", plan: edited?.plan },
    });
  });
}

const rejectInput = z
  .object({ runId, reason: z.string().trim().min(1, "Say why the plan is rejected").max(2000) })
  .strict();

/** Rejects the plan with the person's reason: the run ends, cancelled, with it. */
export async function rejectPlanAction(
  input: z.input<typeof rejectInput>,
): Promise<ActionResult<{ planVersion: number }>> {
  return runAction(async () => {
    const data = parseActionInput(rejectInput, input);
    const { actor } = await writableRun(data.runId);
    return decidePlan({
      db: getDb(),
      actor,
      ip: actor.ip,
      input: { runId: data.runId, decision: "reject", reason: data.reason },
    });
  });
}

const retryInput = z.object({ runId, strategy: z.enum(retryStrategyNames).optional() }).strict();

/** Starts a new run with an ended run's goal (and a chosen retry strategy); answers the new run's id. */
export async function retryRunAction(input: z.input<typeof retryInput>): Promise<ActionResult<{ runId: string }>> {
  return runAction(async () => {
    const data = parseActionInput(retryInput, input);
    const { actor, run, project } = await writableRun(data.runId);
    const retry = await retryRun({ db: getDb(), run, project, createdBy: actor.userId, strategy: data.strategy });
    return { runId: retry.id };
  });
}

const pickInput = z.object({ runId, index: z.number().int().min(1).max(4) }).strict();

/** Makes another best-of-N candidate the run's (requestCandidatePick): validated again, then ready to merge. */
export async function pickCandidateAction(input: z.input<typeof pickInput>): Promise<ActionResult> {
  return runAction(async () => {
    const data = parseActionInput(pickInput, input);
    const { actor } = await writableRun(data.runId);
    await requestCandidatePick({ db: getDb(), runId: data.runId, index: data.index, actor, ip: actor.ip });
    return {};
  });
}
