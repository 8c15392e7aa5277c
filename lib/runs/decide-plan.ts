import type { Database } from "@/db/client";
import { getRunById } from "@/db/queries/runs";
import { getLatestPlan, insertPlanVersion } from "@/db/queries/plans";
import type { PlanContent } from "@/db/schema";
import type { AuditActor } from "@/lib/audit";
import { AppError } from "@/lib/platform/errors";
import { planDecided } from "@/lib/inngest/events";
import { auditRunAction } from "@/lib/runs/audit-run-action";
import { sendPipelineEvent } from "@/lib/runs/send-pipeline-event";
import { appendRunEvent } from "@/lib/runs/transition-run";

export type PlanDecisionInput = {
  runId: string;
  decision: "approve" | "reject";
  /** An edited plan to approve instead of the proposed one. */
  plan?: PlanContent;
  reason?: string;
};

/**
 * Records a person's decision on a run's plan as new plan versions (an edit, then the
 * approval or rejection), audits it (`plan.edited`, then `plan.approved` or `plan.rejected`)
 * in the same transaction, and tells the pipeline (`run/plan.decided`).
 */
export async function decidePlan({
  db,
  actor,
  ip,
  input,
}: {
  db: Database;
  actor: AuditActor;
  /** The caller's address, for the audit log. */
  ip: string | null;
  input: PlanDecisionInput;
}): Promise<{ planVersion: number }> {
  const userId = actor.kind === "user" ? actor.userId : null;
  const run = await getRunById({ db, id: input.runId });
  if (!run) throw new AppError("not_found:run", "Run not found");
  if (run.state !== "awaiting_approval") {
    throw new AppError(
      "conflict:run_state",
      `The plan can only be decided while the run awaits approval (it is ${run.state})`,
    );
  }
  const latest = await getLatestPlan({ db, runId: run.id });
  if (!latest) throw new AppError("conflict:plan", "The run has no plan yet");
  if (input.decision === "reject" && input.plan)
    throw new AppError("bad_request:plan", "A rejected plan cannot carry an edit");

  const decided = await db.transaction(async (tx) => {
    let content = latest.content;
    if (input.plan) {
      const edited = await insertPlanVersion({
        db: tx,
        runId: run.id,
        status: "edited",
        content: input.plan,
        authorId: userId,
      });
      await auditRunAction({ db: tx, actor, ip, run, action: "plan.edited", data: { planVersion: edited.version } });
      content = input.plan;
    }
    const version = await insertPlanVersion({
      db: tx,
      runId: run.id,
      status: input.decision === "approve" ? "approved" : "rejected",
      content,
      authorId: userId,
      // No person to name: the plan's page says what decided it.
      reason: input.reason ?? (actor.kind === "api_key" ? "Approved through the API with an API key" : undefined),
    });
    await auditRunAction({
      db: tx,
      actor,
      ip,
      run,
      action: input.decision === "approve" ? "plan.approved" : "plan.rejected",
      data: { planVersion: version.version, edited: Boolean(input.plan), reason: input.reason ?? null },
    });
    return version;
  });
  await appendRunEvent({
    db,
    runId: run.id,
    type: `plan.${decided.status}`,
    data: { version: decided.version, edited: Boolean(input.plan), reason: input.reason ?? null },
  });
  await sendPipelineEvent(
    planDecided.create({
      runId: run.id,
      decision: input.decision,
      planVersion: decided.version,
      reason: input.reason,
      userId: userId ?? undefined,
    }),
  );
  return { planVersion: decided.version };
}
