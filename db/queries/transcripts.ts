import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type AgentMessage, type AgentMessagePurpose, agentMessages, type NewAgentMessage } from "@/db/schema";
import { storable } from "@/lib/platform/storable";

export type AgentMessageValues = Omit<NewAgentMessage, "id" | "runId" | "purpose" | "attempt" | "seq" | "createdAt">;

/**
 * Appends messages to the transcript of one (run, purpose, attempt), numbered after the
 * ones already there: a retried step's record follows the first try's instead of clashing.
 * One statement (the numbering read in it): a transcript is written a few times per attempt.
 */
export async function appendAgentMessages({
  db,
  runId,
  purpose,
  attempt,
  messages,
}: {
  db: Database;
  runId: string;
  purpose: AgentMessagePurpose;
  attempt: number;
  messages: AgentMessageValues[];
}): Promise<AgentMessage[]> {
  if (messages.length === 0) return [];
  const last = sql`(select coalesce(max(${agentMessages.seq}), 0) from ${agentMessages} where ${and(
    eq(agentMessages.runId, runId),
    eq(agentMessages.purpose, purpose),
    eq(agentMessages.attempt, attempt),
  )})`;
  return db
    .insert(agentMessages)
    .values(
      messages.map((message, index) => ({
        ...storable(message),
        runId,
        purpose,
        attempt,
        seq: sql`${last} + ${index + 1}`,
      })),
    )
    .returning();
}

/** A run's whole transcript: the plan first, then each coding attempt, each in order. */
export async function getAgentMessagesByRunId({ db, runId }: { db: Database; runId: string }): Promise<AgentMessage[]> {
  return db
    .select()
    .from(agentMessages)
    .where(eq(agentMessages.runId, runId))
    .orderBy(asc(agentMessages.attempt), asc(agentMessages.purpose), asc(agentMessages.seq));
}
