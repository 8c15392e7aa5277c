import { AppError } from "@/lib/platform/errors";
import type { EncryptionKeyring } from "./encryption-keyring";
import { loadEncryptionKeyring } from "./encryption-keyring";
import { decryptSecretValue, encryptSecretValue } from "./secret-cipher";

// A notification destination's credential (a webhook's signing secret, a Slack incoming
// webhook URL) at rest: AES-256-GCM under MERGELINE_ENCRYPTION_KEY, bound to the
// destination, in one column: "v1.<keyId>.<iv>.<tag>.<ciphertext>".

const aad = (destinationId: string) => Buffer.from(`mergeline:notification-destination:v1\0${destinationId}`, "utf8");

export function sealDestinationSecret({
  secret,
  destinationId,
  keyring = loadEncryptionKeyring(),
}: {
  secret: string;
  destinationId: string;
  keyring?: EncryptionKeyring;
}): string {
  const sealed = encryptSecretValue({ plaintext: secret, key: keyring.current, aad: aad(destinationId) });
  return ["v1", sealed.keyId, sealed.iv, sealed.authTag, sealed.ciphertext].join(".");
}

/** The credential; throws a message naming the destination (never the value) when it cannot be read. */
export function openDestinationSecret({
  sealed,
  destinationId,
  keyring,
}: {
  sealed: string;
  destinationId: string;
  keyring?: EncryptionKeyring;
}): string {
  const parts = sealed.split(".");
  const label = `The credential of notification destination ${destinationId}`;
  if (parts.length !== 5 || parts[0] !== "v1")
    throw new AppError("internal:secret_corrupt", `${label} is not in the sealed format`);
  const [, keyId, iv, authTag, ciphertext] = parts as [string, string, string, string, string];
  return decryptSecretValue({
    encrypted: { keyId, iv, authTag, ciphertext },
    keyring: keyring ?? loadEncryptionKeyring(),
    aad: aad(destinationId),
    label,
  });
}
