import type { RunState } from "@/db/schema";

export type NextStep = { text: string; checkout: string | null };

// A path as one shell word: quoted unless it is plainly safe.
const shellWord = (value: string) => (/^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`);

/** The command that checks out the run's branch where its commits are: the local repository, or a clone of the GitHub one. */
export function checkoutCommand({
  provider,
  repository,
  branch,
}: {
  provider: string;
  repository: string;
  branch: string;
}): string {
  const name = shellWord(branch);
  if (provider === "local") return `git -C ${shellWord(repository)} switch ${name}`;
  return `git fetch origin ${name} && git switch ${name}`;
}

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
