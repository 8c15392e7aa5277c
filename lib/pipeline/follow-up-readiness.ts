import type { Database } from "@/db/client";
import { getRunContext } from "@/db/queries/runs";
import { isTerminal } from "@/lib/runs/state-machine";

export type Readiness = { go: true; attempt: number } | { go: false; why: string; final: boolean };

/** Whether review feedback can start a follow-up attempt now, later, or never (and why). */
export async function followUpReadiness({ db, runId }: { db: Database; runId: string }): Promise<Readiness> {
  const context = await getRunContext({ db, runId });
  if (!context) return { go: false, why: "the run no longer exists", final: true };
  const { run, pullRequest } = context;
  if (pullRequest?.state !== "open") return { go: false, why: "the pull request is no longer open", final: true };
  if (run.state === "ready") return { go: true, attempt: run.attempt + 1 };
  if (isTerminal(run.state) || run.state === "merging")
    return { go: false, why: `the run is ${run.state.replace("_", " ")}`, final: true };
  return { go: false, why: `the run is ${run.state}`, final: false };
}
