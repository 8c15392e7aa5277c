import path from "node:path";
import { env } from "@/lib/platform/env";
import { isUuid } from "@/lib/platform/uuid";

// A name is one path segment of safe characters: no separators, no "..", no hidden files.
const ARTIFACT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;

export function isArtifactName(name: string): boolean {
  return name.length <= 128 && ARTIFACT_NAME.test(name);
}

/**
 * Where an artifact of a run's attempt lives: MERGELINE_DATA_DIR/artifacts/<runId>/<attempt>/<name>,
 * as `relative` (to the data dir, what validations.artifacts stores) and `absolute`.
 * Null for anything that is not a run id, an attempt number and a safe name.
 */
export function artifactPath({
  runId,
  attempt,
  name,
  dataDir = env.dataDir,
}: {
  runId: string;
  attempt: number;
  name: string;
  dataDir?: string;
}): { relative: string; absolute: string } | null {
  if (!isUuid(runId) || !Number.isInteger(attempt) || attempt < 1 || attempt > 1000 || !isArtifactName(name))
    return null;
  const relative = path.posix.join("artifacts", runId.toLowerCase(), String(attempt), name);
  const root = path.resolve(dataDir, "artifacts");
  const absolute = path.resolve(dataDir, relative);
  // Belt and braces: the checks above already make escaping impossible.
  if (!absolute.startsWith(`${root}${path.sep}`)) return null;
  return { relative, absolute };
}
