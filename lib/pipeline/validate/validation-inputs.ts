import type { Database } from "@/db/client";
import { getLatestPlan } from "@/db/queries/plans";
import type { PlanContent } from "@/db/schema";
import { type RunContext, loadRun } from "@/lib/runs/load-run";
import { getSandbox } from "@/lib/sandbox";
import { abortSignalForRun } from "@/lib/sandbox/run-aborts";
import type { SandboxDriver } from "@/lib/sandbox/types";
import { getProjectSecretValues } from "@/lib/secrets";

export type ValidationInputs = RunContext & {
  sandbox: SandboxDriver;
  signal: AbortSignal;
  /** The project's secrets, as the sandbox's environment: in plaintext only here. */
  secretEnv: Record<string, string>;
  /** Values redacted from every output kept (logs, summaries, artifacts). */
  redact: string[];
  acceptanceChecks: PlanContent["acceptanceChecks"];
};

/** What every validation step works with: the run, its project, the sandbox, the secrets, the plan's checks. */
export async function loadValidationInputs({ db, runId }: { db: Database; runId: string }): Promise<ValidationInputs> {
  const context = await loadRun({ db, runId });
  const [secretEnv, plan] = await Promise.all([
    getProjectSecretValues({ db, projectId: context.project.id }),
    getLatestPlan({ db, runId }),
  ]);
  return {
    ...context,
    sandbox: getSandbox(),
    signal: abortSignalForRun(runId),
    secretEnv,
    redact: Object.values(secretEnv),
    acceptanceChecks: plan?.status === "approved" ? plan.content.acceptanceChecks : [],
  };
}
