import type { Database } from "@/db/client";
import { setRunSettingsOverrides } from "@/db/queries/runs";
import type { Project, Run } from "@/db/schema";
import { getGitProvider } from "@/lib/git-provider";
import { parseRepositoryConfig, REPOSITORY_CONFIG_FILE } from "@/lib/runs/repository-config";
import { appendRunEvent } from "@/lib/runs/transition-run";

/**
 * When the project allows it, the run takes its commands, pages and budget from the
 * repository's .mergeline.yml on the base branch, read once as the run is planned. A
 * malformed file stops the run with an error naming the line (AppError, shown on the run).
 */
export async function applyRepositoryConfig({
  db,
  run,
  project,
}: {
  db: Database;
  run: Run;
  project: Project;
}): Promise<void> {
  if (!project.settings.useRepositoryConfig || run.settingsOverrides) return;
  const text = await getGitProvider(project).readFile({
    project,
    branch: run.baseBranch,
    path: REPOSITORY_CONFIG_FILE,
  });
  if (text === null) return;
  const config = parseRepositoryConfig(text);
  const budget = config.budget ? { ...run.budget, ...config.budget } : undefined;
  await setRunSettingsOverrides({ db, runId: run.id, overrides: config.overrides, budget });
  await appendRunEvent({
    db,
    runId: run.id,
    type: "repository.config",
    data: { file: REPOSITORY_CONFIG_FILE, settings: Object.keys(config.overrides), budget: budget ?? null },
  });
}
