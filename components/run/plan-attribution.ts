import type { Plan } from "@/db/schema";

export type PlanHistoryEntry = Pick<Plan, "version" | "status" | "reason"> & { authorLabel: string | null };

export type PlanAttribution = {
  /** How many times people edited the plan; versions are only worth naming when they did. */
  edits: number;
  /** The version of the plan's content as people count it: 1 proposed, 2 after the first edit... */
  contentVersion: number;
  editedBy: string | null;
  /** Who or what approved or rejected it, in words; null while undecided. */
  decision: string | null;
};

/**
 * What the plan's history says about it, as a person reads it. The stored versions count
 * decisions too (an approval is a row of its own), so they are not shown as such: the
 * content's version is 1 plus the edits, and the decision names who or what made it.
 */
export function planAttribution(history: PlanHistoryEntry[]): PlanAttribution {
  const edits = history.filter((entry) => entry.status === "edited");
  const lastEdit = edits.at(-1);
  const latest = history.at(-1);
  let decision: string | null = null;
  if (latest?.status === "approved") {
    decision = latest.authorLabel
      ? `Approved by ${latest.authorLabel}`
      : (latest.reason ?? "Approved by a person no longer in Mergeline");
  } else if (latest?.status === "rejected") {
    decision = latest.authorLabel ? `Rejected by ${latest.authorLabel}` : "Rejected through the API";
  }
  return {
    edits: edits.length,
    contentVersion: 1 + edits.length,
    editedBy: lastEdit?.authorLabel ?? null,
    decision,
  };
}
