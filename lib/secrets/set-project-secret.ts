import type { Database } from "@/db/client";
import { getProjectById } from "@/db/queries/projects";
import { type ProjectSecretName, upsertProjectSecret } from "@/db/queries/project-secrets";
import { AppError } from "@/lib/platform/errors";
import { type EncryptionKeyring, loadEncryptionKeyring } from "./encryption-keyring";
import { encryptSecretValue, projectSecretAad } from "./secret-cipher";

/** Secrets become environment variables in the sandbox, so names follow env var rules. */
export const SECRET_NAME_PATTERN = /^[A-Z_][A-Z0-9_]{0,63}$/;
export const SECRET_VALUE_MAX_BYTES = 32 * 1024;

export function assertSecretName(name: string): void {
  if (!SECRET_NAME_PATTERN.test(name)) {
    throw new AppError(
      "bad_request:secret_name",
      "A secret name is 1 to 64 characters of A-Z, 0-9 and _, not starting with a digit (like an environment variable)",
    );
  }
}

/** Creates or replaces a project secret, encrypted under the current key. Returns no value. */
export async function setProjectSecret({
  db,
  projectId,
  name,
  value,
  keyring = loadEncryptionKeyring(),
}: {
  db: Database;
  projectId: string;
  name: string;
  value: string;
  keyring?: EncryptionKeyring;
}): Promise<ProjectSecretName> {
  assertSecretName(name);
  if (typeof value !== "string") throw new AppError("bad_request:secret_value", "A secret value must be a string");
  if (Buffer.byteLength(value, "utf8") > SECRET_VALUE_MAX_BYTES) {
    throw new AppError(
      "payload_too_large:secret_value",
      `A secret value may be at most ${SECRET_VALUE_MAX_BYTES / 1024} KB`,
    );
  }
  // An environment variable cannot hold a NUL byte; refuse it now rather than at injection.
  if (value.includes("\0"))
    throw new AppError("bad_request:secret_value", "A secret value cannot contain a NUL character");
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(projectId);
  if (!isUuid || !(await getProjectById({ db, id: projectId })))
    throw new AppError("not_found:project", "No such project");

  const encrypted = encryptSecretValue({
    plaintext: value,
    key: keyring.current,
    aad: projectSecretAad(projectId, name),
  });
  return upsertProjectSecret({ db, projectId, name, encrypted });
}
