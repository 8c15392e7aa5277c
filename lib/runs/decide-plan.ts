import type { Database } from "@/db/client";
import { getLatestPlan, getRunById, insertPlanVersion } from "@/db/queries/runs";
import type { PlanContent } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { planDecided } from "@/inngest/events";
import { sendPipelineEvent } from "@/lib/runs/send-pipeline-event";
import { appendRunEvent } from "@/lib/runs/transition-run";

export type PlanDecisionInput = {
  runId: string;
  decision: "approve" | "reject";
  /** An edited plan to approve instead of the proposed one. */
  plan?: PlanContent;
  reason?: string;
  userId?: string | null;
};

/**
 * Records a person's decision on a run's plan as new plan versions (an edit, then the
 * approval or rejection) and tells the pipeline (`run/plan.decided`).
 */
export async function decidePlan({ db, input }: { db: Database; input: PlanDecisionInput }): Promise<{ planVersion: number }> {
  const run = await getRunById({ db, id: input.runId });
  if (!run) throw new AppError("not_found:run", "Run not found");
  if (run.state !== "awaiting_approval") {
    throw new AppError("conflict:run_state", `The plan can only be decided while the run awaits approval (it is ${run.state})`);
  }
  const latest = await getLatestPlan({ db, runId: run.id });
  if (!latest) throw new AppError("conflict:plan", "The run has no plan yet");
  if (input.decision === "reject" && input.plan) throw new AppError("bad_request:plan", "A rejected plan cannot carry an edit");

  const decided = await db.transaction(async (tx) => {
    let content = latest.content;
    if (input.plan) {
      await insertPlanVersion({ db: tx, runId: run.id, status: "edited", content: input.plan, authorId: input.userId });
      content = input.plan;
    }
    return insertPlanVersion({
      db: tx,
      runId: run.id,
      status: input.decision === "approve" ? "approved" : "rejected",
      content,
      authorId: input.userId,
      reason: input.reason,
    });
  });
  await appendRunEvent({ db, runId: run.id, type: `plan.${decided.status}`, data: { version: decided.version, edited: Boolean(input.plan), reason: input.reason ?? null } });
  await sendPipelineEvent(
    planDecided.create({ runId: run.id, decision: input.decision, planVersion: decided.version, reason: input.reason, userId: input.userId ?? undefined }),
  );
  return { planVersion: decided.version };
}
