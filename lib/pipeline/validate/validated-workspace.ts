import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { getGitProvider } from "@/lib/git-provider";
import { env } from "@/lib/platform/env";
import { branchOfRun } from "@/lib/runs/load-run";
import { runValidation } from "@/lib/validation/run-validation";
import { workspacePath } from "@/lib/workspaces/paths";
import type { Workspace } from "@/lib/workspaces/types";
import type { ValidationInputs } from "@/lib/pipeline/validate/validation-inputs";

const exec = promisify(execFile);

async function headOf(path: string): Promise<string | null> {
  try {
    const { stdout } = await exec("git", ["rev-parse", "HEAD"], { cwd: path });
    return stdout.trim();
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
