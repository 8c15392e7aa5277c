import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { artifactPath } from "@/lib/validation/artifacts/artifact-path";

export type ValidationArtifact = { name: string; path: string; kind: "log" | "screenshot" };

/** Writes a run artifact (a screenshot, a log) and returns what validations.artifacts records. */
export async function saveArtifact({
  runId,
  attempt,
  name,
  kind,
  data,
  dataDir,
}: {
  runId: string;
  attempt: number;
  name: string;
  kind: ValidationArtifact["kind"];
  data: string | Uint8Array;
  dataDir?: string;
}): Promise<ValidationArtifact> {
  const target = artifactPath({ runId, attempt, name, dataDir });
  if (!target) throw new TypeError(`artifacts: invalid artifact ${runId}/${attempt}/${name}`);
  await mkdir(path.dirname(target.absolute), { recursive: true });
  await writeFile(target.absolute, data);
  return { name, path: target.relative, kind };
}
