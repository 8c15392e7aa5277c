import { getGitProvider } from "@/lib/git-provider";
import { env } from "@/lib/platform/env";
import { branchOfRun } from "@/lib/runs/load-run";
import { runValidation } from "@/lib/validation/run-validation";
import { workspacePath } from "@/lib/workspaces/paths";
import { runGit } from "@/lib/workspaces/run-git";
import type { Workspace } from "@/lib/workspaces/types";
import type { ValidationInputs } from "@/lib/pipeline/validate/validation-inputs";

// Through runGit (the launcher, no user config), like every git command of a run.
async function headOf(path: string): Promise<string | null> {
  try {
    return await runGit(path, ["rev-parse", "HEAD"]);
  } catch {
    return null;
  }
}

/**
 * The run's workspace at the validated head with its setup done, for the validation steps
 * after the commands: the one the commands step left when it is still there at that head
 * (the usual case, same process), else a fresh checkout whose setup is run again (from the
 * setup cache when nothing changed). A workspace whose branch moved on is never reused.
 */
export async function validatedWorkspace(inputs: ValidationInputs, headSha: string): Promise<Workspace> {
  const { run, project, sandbox, secretEnv, redact, signal } = inputs;
  const provider = getGitProvider(project);
  const branch = branchOfRun(run);
  const path = workspacePath(env.dataDir, run.id);
  if ((await headOf(path)) === headSha) {
    return { path, branch, baseBranch: run.baseBranch, headSha, resumed: true };
  }
  const workspace = await provider.prepareWorkspace({ project, runId: run.id, branch, baseBranch: run.baseBranch });
  await runValidation({
    sandbox,
    workspacePath: workspace.path,
    settings: { ...project.settings, testCommands: [] },
    env: secretEnv,
    redact,
    signal,
  });
  return workspace;
}
