import { and, desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { getLatestPlan } from "@/db/queries/runs";
import { runEvents } from "@/db/schema";

// Decisions are written to the database before their event is sent. An event sent in
// the instant before the pipeline began to wait for it is not delivered (Inngest matches
// only events that arrive during a wait), so after each chunk of waiting the pipeline
// looks here, and a missed decision costs at most one chunk.

export async function recordedPlanDecision({ db, runId }: { db: Database; runId: string }) {
  const plan = await getLatestPlan({ db, runId });
  if (plan?.status === "approved") return { decision: "approve" as const };
  if (plan?.status === "rejected") return { decision: "reject" as const, reason: plan.reason ?? undefined };
  return null;
}

export async function recordedMergeRequest({ db, runId }: { db: Database; runId: string }): Promise<boolean> {
  const [event] = await db
    .select({ seq: runEvents.seq })
    .from(runEvents)
    .where(and(eq(runEvents.runId, runId), eq(runEvents.type, "merge.requested")))
    .orderBy(desc(runEvents.seq))
    .limit(1);
  return Boolean(event);
}
