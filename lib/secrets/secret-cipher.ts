import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { EncryptedColumns } from "@/db/queries/project-secrets";
import { AppError } from "@/lib/platform/errors";
import type { EncryptionKey, EncryptionKeyring } from "./encryption-keyring";

const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Additional authenticated data: binds a ciphertext to its project and name, so a row
 * copied onto another project or renamed fails to decrypt instead of leaking there.
 */
export function projectSecretAad(projectId: string, name: string): Buffer {
  return Buffer.from(`mergeline:project-secret:v1\0${projectId}\0${name}`, "utf8");
}

/** AES-256-GCM with a fresh random 96-bit IV per value; all parts stored base64. */
export function encryptSecretValue({
  plaintext,
  key,
  aad,
}: {
  plaintext: string;
  key: EncryptionKey;
  aad: Buffer;
}): EncryptedColumns {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return {
    ciphertext: ciphertext.toString("base64"),
    iv: iv.toString("base64"),
    authTag: cipher.getAuthTag().toString("base64"),
    keyId: key.id,
  };
}

/** The key a value was encrypted with, or a clear error naming the keys that are configured. */
export function keyForId(keyring: EncryptionKeyring, keyId: string, label: string): EncryptionKey {
  if (keyring.current.id === keyId) return keyring.current;
  if (keyring.previous?.id === keyId) return keyring.previous;
  const configured = `MERGELINE_ENCRYPTION_KEY is ${keyring.current.id}${keyring.previous ? `, MERGELINE_ENCRYPTION_KEY_PREVIOUS is ${keyring.previous.id}` : " and MERGELINE_ENCRYPTION_KEY_PREVIOUS is not set"}`;
  throw new AppError(
    "internal:encryption_key",
    `${label} was encrypted with key ${keyId}, which is not configured (${configured}). Set MERGELINE_ENCRYPTION_KEY_PREVIOUS to the key it was encrypted with.`,
  );
}

export function decryptSecretValue({
  encrypted,
  keyring,
  aad,
  label,
}: {
  encrypted: EncryptedColumns;
  keyring: EncryptionKeyring;
  aad: Buffer;
  /** How errors name the value, e.g. `Secret "API_TOKEN"`; never the value itself. */
  label: string;
}): string {
  const key = keyForId(keyring, encrypted.keyId, label);
  const iv = Buffer.from(encrypted.iv, "base64");
  const tag = Buffer.from(encrypted.authTag, "base64");
  // GCM would accept a shortened tag (weaker forgery protection): insist on full lengths.
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw corrupt(label);
  try {
    const decipher = createDecipheriv(ALGORITHM, key.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(encrypted.ciphertext, "base64")), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw corrupt(label);
  }
}

const corrupt = (label: string) =>
  new AppError(
    "internal:secret_corrupt",
    `${label} could not be decrypted: its stored ciphertext, IV or tag was altered, or it belongs to another project or name`,
  );
