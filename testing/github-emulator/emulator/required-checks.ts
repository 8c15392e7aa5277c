import type { EmulatorContext } from "./context";
import type { Repo } from "./state";

/**
 * The state of a base branch's required checks for a head commit: a context is green when
 * its latest check run completed with success/neutral/skipped, or its latest status is success.
 */
export async function requiredChecksState(
  ctx: EmulatorContext,
  repo: Repo,
  baseBranch: string,
  headSha: string,
): Promise<"success" | "pending" | "failure"> {
  const required = repo.protections.get(baseBranch)?.requiredChecks ?? [];
  let state: "success" | "pending" | "failure" = "success";
  for (const context of required) {
    const runs = [...ctx.state.checkRuns.values()].filter(
      (run) => run.repo === repo.fullName && run.headSha === headSha && run.name === context,
    );
    const run = runs.at(-1);
    const status = ctx.state.statuses
      .filter((s) => s.repo === repo.fullName && s.sha === headSha && s.context === context)
      .at(-1);
    const runGreen = run?.status === "completed" && ["success", "neutral", "skipped"].includes(run.conclusion ?? "");
    const runRed = run?.status === "completed" && !runGreen;
    if (runGreen || status?.state === "success") continue;
    if (runRed || status?.state === "failure" || status?.state === "error") return "failure";
    state = "pending";
  }
  return state;
}
