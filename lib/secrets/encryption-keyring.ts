import { createHash } from "node:crypto";
import { env } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";

export type EncryptionKey = {
  /** First 12 hex chars of sha256(key bytes): names the key in each row without revealing it. */
  id: string;
  key: Buffer;
};

/** The key new values are encrypted with, and the one before a rotation (still readable). */
export type EncryptionKeyring = { current: EncryptionKey; previous: EncryptionKey | null };

export function encryptionKeyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 12);
}

/** A key from its base64 form (32 bytes, as `openssl rand -base64 32` prints). */
export function parseEncryptionKey(base64: string, variable = "MERGELINE_ENCRYPTION_KEY"): EncryptionKey {
  const key = Buffer.from(base64, "base64");
  if (key.length !== 32 || key.toString("base64") !== base64.trim()) {
    throw new AppError(
      "internal:encryption_key",
      `${variable} must be 32 bytes, base64-encoded (openssl rand -base64 32)`,
    );
  }
  return { id: encryptionKeyId(key), key };
}

/**
 * The keyring from MERGELINE_ENCRYPTION_KEY and MERGELINE_ENCRYPTION_KEY_PREVIOUS, or from
 * the given base64 keys (tests, the rotation script).
 */
export function loadEncryptionKeyring({
  current = env.MERGELINE_ENCRYPTION_KEY,
  previous = env.MERGELINE_ENCRYPTION_KEY_PREVIOUS,
}: {
  current?: string;
  previous?: string | null;
} = {}): EncryptionKeyring {
  if (!current) {
    // `npm start` generates one into the data dir; a process started another way must be given it.
    throw new AppError(
      "unavailable:encryption_key",
      "MERGELINE_ENCRYPTION_KEY is not set, so project secrets cannot be encrypted or read",
    );
  }
  return {
    current: parseEncryptionKey(current),
    previous: previous ? parseEncryptionKey(previous, "MERGELINE_ENCRYPTION_KEY_PREVIOUS") : null,
  };
}
