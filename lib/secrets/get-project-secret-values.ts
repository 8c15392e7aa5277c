import type { Database } from "@/db/client";
import { getProjectSecretRows } from "@/db/queries/project-secrets";
import { type EncryptionKeyring, loadEncryptionKeyring } from "./encryption-keyring";
import { decryptSecretValue, projectSecretAad } from "./secret-cipher";

/**
 * The decrypted secrets of a project, name -> value.
 *
 * ONLY for injecting into the sandbox that runs the project's commands (as its
 * environment). Never put the result in a log line, a run event, a prompt, an API
 * response, an audit entry or an Inngest step's return value (step results are stored):
 * call this inside the step that starts the sandbox, and redact these values from the
 * command output it keeps. All or nothing: one undecryptable secret throws.
 */
export async function getProjectSecretValues({
  db,
  projectId,
  keyring,
}: {
  db: Database;
  projectId: string;
  keyring?: EncryptionKeyring;
}): Promise<Record<string, string>> {
  const rows = await getProjectSecretRows({ db, projectId });
  const values: Record<string, string> = {};
  if (rows.length === 0) return values;
  // Loaded only when there is something to decrypt: a project without secrets needs no key.
  const ring = keyring ?? loadEncryptionKeyring();
  for (const row of rows) {
    values[row.name] = decryptSecretValue({
      encrypted: row,
      keyring: ring,
      aad: projectSecretAad(projectId, row.name),
      label: `Secret "${row.name}"`,
    });
  }
  return values;
}
