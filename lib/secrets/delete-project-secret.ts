import type { Database } from "@/db/client";
import { deleteProjectSecretByName } from "@/db/queries/project-secrets";
import { AppError } from "@/lib/platform/errors";
import { assertSecretName } from "./set-project-secret";

/** Deletes a project secret; "not found" when the project has no secret of that name. */
export async function deleteProjectSecret({
  db,
  projectId,
  name,
}: {
  db: Database;
  projectId: string;
  name: string;
}): Promise<void> {
  assertSecretName(name);
  if (!(await deleteProjectSecretByName({ db, projectId, name })))
    throw new AppError("not_found:secret", `The project has no secret named ${name}`);
}
