import type { Database } from "@/db/client";
import { listSealedDestinations, updateNotificationDestination } from "@/db/queries/notification-destinations";
import { logger } from "@/lib/platform/logger";
import { type EncryptionKeyring, loadEncryptionKeyring } from "@/lib/secrets/encryption-keyring";
import { openDestinationSecret, sealDestinationSecret } from "@/lib/secrets/destination-secret-cipher";

/**
 * `npm run secrets:rotate`'s part for notification destinations: every webhook signing
 * secret and Slack URL not sealed under the current key is opened (with the key it names)
 * and sealed again under the current one. A destination that cannot be read is left as it
 * is and reported. Safe to run again.
 */
export async function rotateDestinationSecrets({
  db,
  keyring = loadEncryptionKeyring(),
}: {
  db: Database;
  keyring?: EncryptionKeyring;
}): Promise<{ reencrypted: number; failed: { destinationId: string; error: string }[] }> {
  const report = { reencrypted: 0, failed: [] as { destinationId: string; error: string }[] };
  for (const row of await listSealedDestinations({ db })) {
    // "v1.<keyId>.…": already under the current key, nothing to do.
    if (row.sealedSecret.split(".")[1] === keyring.current.id) continue;
    try {
      const secret = openDestinationSecret({ sealed: row.sealedSecret, destinationId: row.id, keyring });
      await updateNotificationDestination({
        db,
        id: row.id,
        values: { sealedSecret: sealDestinationSecret({ secret, destinationId: row.id, keyring }) },
      });
      report.reencrypted++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      report.failed.push({ destinationId: row.id, error: message });
      logger.error({ destinationId: row.id, err: error }, "could not re-encrypt a notification destination's secret");
    }
  }
  return report;
}
