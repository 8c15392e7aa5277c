import type { Run } from "@/db/schema";

export type BudgetVerdict = { spent: false } | { spent: true; reason: string };

/**
 * Whether a run may start attempt `nextAttempt`. Attempts, dollars and minutes are all
 * checked; the first one spent ends the run in needs_human with its reason.
 */
export function checkBudget(
  run: Pick<Run, "budget" | "costUsd" | "startedAt" | "createdAt">,
  nextAttempt: number,
  now = new Date(),
): BudgetVerdict {
  const { maxAttempts, maxDollars, maxMinutes } = run.budget;
  if (nextAttempt > maxAttempts) {
    return {
      spent: true,
      reason: `Budget spent: ${maxAttempts} attempt${maxAttempts === 1 ? "" : "s"} used without passing validation`,
    };
  }
  const cost = Number(run.costUsd);
  if (cost >= maxDollars)
    return { spent: true, reason: `Budget spent: $${cost.toFixed(2)} of $${maxDollars.toFixed(2)} used` };
  const minutes = (now.getTime() - (run.startedAt ?? run.createdAt).getTime()) / 60_000;
  if (minutes >= maxMinutes)
    return { spent: true, reason: `Budget spent: ${Math.floor(minutes)} of ${maxMinutes} minutes used` };
  return { spent: false };
}
