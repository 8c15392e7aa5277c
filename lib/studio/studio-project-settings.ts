import type { Project, ProjectSettings } from "@/db/schema";
import type { GitProvider } from "@/lib/git-provider/types";
import { parseRepositoryConfig, REPOSITORY_CONFIG_FILE } from "@/lib/runs/repository-config";

/**
 * The settings a studio session runs the app with: the project's, and, when the project
 * allows repository config, the setup, dev and preview commands of `.mergeline.yml` on the
 * session's base branch over them (read as runs read it, apply-repository-config.ts). Only
 * commands are taken: pages, tests and budget are for runs. A malformed file throws the
 * parser's AppError, which names the file and the line.
 */
export async function studioProjectSettings({
  project,
  provider,
  baseBranch,
}: {
  project: Project;
  provider: Pick<GitProvider, "readFile">;
  baseBranch: string;
}): Promise<ProjectSettings> {
  if (!project.settings.useRepositoryConfig) return project.settings;
  const text = await provider.readFile({ project, branch: baseBranch, path: REPOSITORY_CONFIG_FILE });
  if (text === null) return project.settings;
  const { overrides } = parseRepositoryConfig(text);
  const taken: Partial<ProjectSettings> = {};
  if (overrides.setupCommands) taken.setupCommands = overrides.setupCommands;
  if (overrides.devCommand !== undefined) taken.devCommand = overrides.devCommand;
  if (overrides.previewCommand !== undefined) taken.previewCommand = overrides.previewCommand;
  return { ...project.settings, ...taken };
}
