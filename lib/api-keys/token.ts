import { createHash, randomBytes } from "node:crypto";

// Key format: ml_<8-char prefix>_<43 random chars>, all base62 so a double-click selects
// the whole key and no character needs escaping. 43 base62 chars carry ~256 bits.
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const PREFIX_LENGTH = 8;
const SECRET_LENGTH = 43;
const TOKEN_PATTERN = /^ml_([0-9A-Za-z]{8})_[0-9A-Za-z]{32,}$/;

/** Uniformly random base62 text: bytes >= 248 are dropped so that `% 62` has no bias. */
export function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

export function generateApiKeyToken(): { token: string; prefix: string } {
  const prefix = randomBase62(PREFIX_LENGTH);
  return { token: `ml_${prefix}_${randomBase62(SECRET_LENGTH)}`, prefix };
}

/** SHA-256 is enough here (no salt, no slow hash): the keys are 256-bit random, not passwords. */
export function hashApiKeyToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The display prefix of an `ml_` key, or null for another shape (an admin key from the env). */
export function apiKeyTokenPrefix(token: string): string | null {
  return TOKEN_PATTERN.exec(token)?.[1] ?? null;
}
