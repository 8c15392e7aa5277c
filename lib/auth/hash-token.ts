import { createHash, randomBytes } from "node:crypto";

// Tokens of 32 random bytes cannot be guessed, so a plain SHA-256 is enough to store them
// (no salt, no slow hash); only the hash is kept, so a database dump opens nothing.

export function newSecretToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export const isSecretTokenShape = (token: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(token);
