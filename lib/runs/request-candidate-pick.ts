import type { Database } from "@/db/client";
import { getRunCandidates } from "@/db/queries/candidates";
import { getRunById } from "@/db/queries/runs";
import type { AuditActor } from "@/lib/audit";
import { candidatePicked } from "@/lib/inngest/events";
import { AppError } from "@/lib/platform/errors";
import { auditRunAction } from "@/lib/runs/audit-run-action";
import { sendPipelineEvent } from "@/lib/runs/send-pipeline-event";
import { appendRunEvent } from "@/lib/runs/transition-run";

/**
 * A person's choice of another best-of-N candidate for a ready run (its PR open, not yet
 * merged): recorded (run event `candidate.picked`), audited (`run.candidate_picked`) and sent
 * to pick-run-candidate, which puts the candidate's work on the run's branch and validates
 * it. Only a candidate with a commit that is not the chosen one can be picked.
 */
export async function requestCandidatePick({
  db,
  runId,
  index,
  actor,
  ip,
}: {
  db: Database;
  runId: string;
  index: number;
  actor: AuditActor;
  ip: string | null;
}): Promise<void> {
  const run = await getRunById({ db, id: runId });
  if (!run) throw new AppError("not_found:run", "Run not found");
  if (run.state !== "ready")
    throw new AppError(
      "conflict:run_state",
      `Another candidate can be picked only while the run is ready (it is ${run.state})`,
    );
  const candidate = (await getRunCandidates({ db, runId })).find((row) => row.index === index);
  if (!candidate) throw new AppError("not_found:candidate", `The run has no candidate ${index}`);
  if (candidate.chosen) throw new AppError("conflict:candidate", `Candidate ${index} is already the run's`);
  if (!candidate.sha) throw new AppError("conflict:candidate", `Candidate ${index} made no commit to pick`);
  const userId = actor.kind === "user" ? actor.userId : null;
  const recorded = await appendRunEvent({ db, runId, type: "candidate.picked", data: { index, userId } });
  await auditRunAction({ db, actor, ip, run, action: "run.candidate_picked", data: { index } });
  await sendPipelineEvent(candidatePicked.create({ runId, index, requestSeq: recorded.seq }));
}
