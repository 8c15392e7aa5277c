import type { NotificationEventType, RunState } from "@/db/schema";

const byState: Partial<Record<RunState, NotificationEventType>> = {
  // A plan waits for a person's approval (plans confirmed automatically are not announced).
  awaiting_approval: "run.plan_proposed",
  pr_open: "run.pr_opened",
  needs_human: "run.needs_human",
  failed: "run.failed",
  merged: "run.merged",
};

/** The notification a run entering `state` sends, if any. */
export function notificationEventForState(state: RunState): NotificationEventType | null {
  return byState[state] ?? null;
}
