import type { Database } from "@/db/client";
import { findRunEvent } from "@/db/queries/run-events";
import { getLatestPlan } from "@/db/queries/plans";

// A person's decision counts as it is recorded in the database, written (by an authorized
// person, audited) before its event is sent. The pipeline wakes on the event but acts on
// this record: an event nobody recorded changes nothing. An event sent in the instant
// before the pipeline began to wait is not delivered (Inngest matches only events that
// arrive during a wait), so the pipeline also looks here before it begins to wait and
// after each chunk of waiting (the first chunks last seconds).

export async function recordedPlanDecision({ db, runId }: { db: Database; runId: string }) {
  const plan = await getLatestPlan({ db, runId });
  if (plan?.status === "approved") return { decision: "approve" as const };
  if (plan?.status === "rejected") return { decision: "reject" as const, reason: plan.reason ?? undefined };
  return null;
}

export async function recordedMergeRequest({ db, runId }: { db: Database; runId: string }): Promise<boolean> {
  return Boolean(await findRunEvent({ db, runId, type: "merge.requested" }));
}
