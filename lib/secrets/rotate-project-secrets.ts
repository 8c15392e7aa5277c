import type { Database } from "@/db/client";
import {
  countProjectSecretsByKey,
  getProjectSecretRows,
  replaceProjectSecretCiphertext,
} from "@/db/queries/project-secrets";
import { logger } from "@/lib/platform/logger";
import { type EncryptionKeyring, loadEncryptionKeyring } from "./encryption-keyring";
import { decryptSecretValue, encryptSecretValue, projectSecretAad } from "./secret-cipher";

export type RotationReport = {
  /** Projects that have secrets. */
  projects: number;
  /** Secrets re-encrypted under the current key by this call. */
  reencrypted: number;
  /** Secrets that were already under the current key. */
  alreadyCurrent: number;
  /** Projects left unchanged because a secret could not be read (its transaction rolled back). */
  failed: { projectId: string; secrets: number; error: string }[];
};

/**
 * Re-encrypts every secret that is not under the current key, reading it with the key it
 * names (current or previous). One transaction per project, so a project is rotated
 * entirely or not at all, and a failure in one project does not block the others. Safe to
 * run again, and while the app runs: rows are locked while they are rewritten.
 */
export async function rotateProjectSecrets({
  db,
  keyring = loadEncryptionKeyring(),
}: {
  db: Database;
  keyring?: EncryptionKeyring;
}): Promise<RotationReport> {
  const counts = await countProjectSecretsByKey({ db, keyId: keyring.current.id });
  const report: RotationReport = { projects: counts.length, reencrypted: 0, alreadyCurrent: 0, failed: [] };
  for (const { projectId, current, other } of counts) {
    report.alreadyCurrent += current;
    if (other === 0) continue;
    try {
      report.reencrypted += await db.transaction(async (tx) => {
        const rows = await getProjectSecretRows({
          db: tx,
          projectId,
          exceptKeyId: keyring.current.id,
          forUpdate: true,
        });
        for (const row of rows) {
          const aad = projectSecretAad(projectId, row.name);
          const plaintext = decryptSecretValue({
            encrypted: row,
            keyring,
            aad,
            label: `Secret "${row.name}" of project ${projectId}`,
          });
          const encrypted = encryptSecretValue({ plaintext, key: keyring.current, aad });
          await replaceProjectSecretCiphertext({ db: tx, id: row.id, encrypted, updatedAt: row.updatedAt });
        }
        return rows.length;
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      report.failed.push({ projectId, secrets: other, error: message });
      logger.error({ projectId, err: error }, "could not re-encrypt the project's secrets");
    }
  }
  logger.info({ ...report, failed: report.failed.length, keyId: keyring.current.id }, "project secrets rotated");
  return report;
}
