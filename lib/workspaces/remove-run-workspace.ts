import fs from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/platform/env";
import { previewCopyPath, workspacePath } from "./paths";
import { removeWorkspaceDir } from "./remove-workspace-dir";

/** The attempts of a run that have a preview copy on disk. */
async function previewAttempts(dataDir: string, runId: string): Promise<number[]> {
  const names = await fs.readdir(path.dirname(previewCopyPath(dataDir, runId, 0))).catch(() => [] as string[]);
  const pattern = new RegExp(`^${runId}-(\\d+)$`);
  return names.flatMap((name) => {
    const attempt = pattern.exec(name)?.[1];
    return attempt ? [Number(attempt)] : [];
  });
}

/**
 * Frees the disk a run's working copies take: its workspace and the copies its previews
 * ran from, with the mirror's bookkeeping for them. Call it when the run has ended, after
 * its commands and previews are stopped (a preview still serving from its copy would lose
 * it). The branch, the pull request and the artifacts stay. Needs no project or git host:
 * what to remove is found on disk. Idempotent; safe on a run that never had a workspace.
 */
export async function removeRunWorkspace({
  runId,
  dataDir = env.dataDir,
}: {
  runId: string;
  dataDir?: string;
}): Promise<void> {
  const dirs = [
    workspacePath(dataDir, runId),
    ...(await previewAttempts(dataDir, runId)).map((attempt) => previewCopyPath(dataDir, runId, attempt)),
  ];
  for (const dir of dirs) await removeWorkspaceDir({ dataDir, dir });
}
