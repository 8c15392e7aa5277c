import type { RunState } from "@/db/schema";
import { checkoutCommand } from "./checkout-command";

export type NextStep = { text: string; checkout: string | null };

/**
 * One line on what a person can do with a run that stopped without merging (needs_human or
 * failed), with the command that checks out its branch when it has one; null for other states.
 */
export function nextStepFor({
  state,
  provider,
  repository,
  branch,
}: {
  state: RunState;
  provider: string;
  repository: string;
  /** The run's branch, once something was pushed to it (a pull request exists). */
  branch: string | null;
}): NextStep | null {
  if (state !== "needs_human" && state !== "failed") return null;
  const checkout = branch ? checkoutCommand({ provider, repository, branch }) : null;
  const retry = "Retry starts a new run with the same goal";
  if (state === "needs_human") {
    return {
      text: checkout
        ? `What next: read why above and the newest validation below, then finish the change on its branch yourself, or ${retry.toLowerCase()}.`
        : `What next: read why above; ${retry.toLowerCase()}.`,
      checkout,
    };
  }
  return {
    text: checkout
      ? `What next: ${retry} once the cause above is fixed (settings, model, engine), or continue on the branch yourself.`
      : `What next: ${retry} once the cause above is fixed (settings, model, engine).`,
    checkout,
  };
}
