import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Database } from "@/db/client";
import { getProjectById } from "@/db/queries/projects";
import { getRunById } from "@/db/queries/runs";
import { getValidation } from "@/db/queries/validations";
import { artifactContentType } from "@/lib/validation/artifacts/artifact-content-type";
import { artifactPath } from "@/lib/validation/artifacts/artifact-path";
import { type Actor, can } from "@/lib/auth/actor";
import { env } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";

/**
 * An artifact of a run's attempt, for an actor who may read the run's project. Only
 * artifacts the validation recorded are served, from their canonical path under the
 * data dir. Everything else (an unknown run, a project the actor cannot see, a bad
 * attempt or name, a traversal attempt, a missing file) is the same not-found.
 */
export async function readRunArtifact({
  db,
  actor,
  runId,
  attempt,
  name,
  dataDir = env.dataDir,
}: {
  db: Database;
  actor: Actor;
  runId: string;
  attempt: string;
  name: string;
  dataDir?: string;
}): Promise<{ body: Buffer; contentType: string; name: string }> {
  const notFound = new AppError("not_found:artifact", "Artifact not found");
  const attemptNumber = /^\d{1,4}$/.test(attempt) ? Number(attempt) : NaN;
  const target = artifactPath({ runId, attempt: attemptNumber, name, dataDir });
  if (!target) throw notFound;
  const run = await getRunById({ db, id: runId });
  const project = run && (await getProjectById({ db, id: run.projectId }));
  if (!run || !project || !can(actor, project, "read")) throw notFound;
  const validation = await getValidation({ db, runId, attempt: attemptNumber });
  const recorded = validation?.artifacts.find((artifact) => artifact.name === name);
  if (!recorded || path.posix.normalize(recorded.path) !== target.relative) throw notFound;
  const body = await readFile(target.absolute).catch(() => null);
  if (!body) throw notFound;
  return { body, contentType: artifactContentType(name), name };
}
