import type { Database } from "@/db/client";
import { getProjectSecretNames, type ProjectSecretName } from "@/db/queries/project-secrets";

/** Names and dates of a project's secrets, by name; values never leave the database here. */
export async function listProjectSecretNames({
  db,
  projectId,
}: {
  db: Database;
  projectId: string;
}): Promise<ProjectSecretName[]> {
  return getProjectSecretNames({ db, projectId });
}
