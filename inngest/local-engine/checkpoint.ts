import { z } from "zod";
import type { EngineContext } from "./context";
import { memoize } from "./run-lifecycle";

// Async checkpointing (the SDK's `checkpointing`, on by default in inngest 4): in a call that
// discovers steps, the SDK runs each new step.run at once, posts its result here, and goes on
// to the next step in the same call instead of answering and waiting to be called again. A
// step posted here is memoized as durably as one answered in a call's response: the SDK waits
// for this answer before it runs the next step, so a call that dies later re-runs none of them.

const checkpointSchema = z.object({
  run_id: z.string().optional(),
  // The call, as the engine named it in ctx.qi_id: `<job id>:<token>`.
  qi_id: z.string().regex(/^\d{1,15}:[\w-]{1,64}$/, "qi_id must name a call of this engine"),
  steps: z
    .array(
      z.looseObject({
        id: z.string().min(1),
        op: z.string(),
        data: z.unknown().optional(),
      }),
    )
    .min(1),
});

export type CheckpointAnswer = { status: number; body: Record<string, unknown> };

const answer = (status: number, message: string): CheckpointAnswer => ({
  status,
  body: status < 300 ? { status } : { error: message, status },
});

/**
 * POST /v1/checkpoint/:runId/async. 409 tells the SDK its call is stale (the run ended, was
 * cancelled, or the call was given up on and queued again): it stops without running more.
 * Anything but a completed step is refused with 400, and the SDK then answers the call with
 * it the usual way (a failed step is retried by the call's own rules).
 */
export async function receiveCheckpoint(ctx: EngineContext, runId: string, body: unknown): Promise<CheckpointAnswer> {
  const parsed = checkpointSchema.safeParse(body);
  if (!parsed.success)
    return answer(400, parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "));
  const { qi_id, steps } = parsed.data;
  if (parsed.data.run_id !== undefined && parsed.data.run_id !== runId)
    return answer(400, "run_id does not match the run in the path");
  const other = steps.find((step) => step.op !== "StepRun");
  if (other) return answer(400, `only completed steps can be checkpointed, not ${other.op}`);
  const [jobId = "", token] = qi_id.split(":");
  const stale = answer(409, "this call no longer runs the run");
  if (ctx.callsInFlight.get(Number(jobId)) !== token) return stale;
  return ctx.store.transaction(async (tx) => {
    // The job stays locked while the steps are added: a cancel that deletes it waits, or went first.
    if (!(await tx.lockCallJob(Number(jobId), runId))) return stale;
    const run = await tx.getRun(runId);
    if (run?.status !== "Running") return answer(409, "the run is not running");
    for (const step of steps) memoize(run, step.id, { data: step.data ?? null });
    await tx.updateRun(run);
    return answer(200, "");
  });
}
