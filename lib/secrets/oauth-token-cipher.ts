import type { EncryptionKeyring } from "./encryption-keyring";
import { loadEncryptionKeyring } from "./encryption-keyring";
import { decryptSecretValue, encryptSecretValue } from "./secret-cipher";

// A person's OAuth access token (GitHub sign-in) is kept so Mergeline can ask GitHub, as
// that person, what they may see (the App setup page, repository access). At rest it is
// AES-256-GCM under MERGELINE_ENCRYPTION_KEY, bound to the provider and account, in one
// column: "v1.<keyId>.<iv>.<tag>.<ciphertext>".

const aad = (provider: string, providerAccountId: string) =>
  Buffer.from(`mergeline:oauth-token:v1\0${provider}\0${providerAccountId}`, "utf8");

export function sealOAuthToken({
  token,
  provider,
  providerAccountId,
  keyring = loadEncryptionKeyring(),
}: {
  token: string;
  provider: string;
  providerAccountId: string;
  keyring?: EncryptionKeyring;
}): string {
  const sealed = encryptSecretValue({ plaintext: token, key: keyring.current, aad: aad(provider, providerAccountId) });
  return ["v1", sealed.keyId, sealed.iv, sealed.authTag, sealed.ciphertext].join(".");
}

/**
 * The token, or null when there is none or it cannot be read (stored before encryption,
 * or under a key no longer configured): the person then signs in with GitHub again.
 */
export function openOAuthToken({
  sealed,
  provider,
  providerAccountId,
  keyring,
}: {
  sealed: string | null;
  provider: string;
  providerAccountId: string;
  keyring?: EncryptionKeyring;
}): string | null {
  const parts = sealed?.split(".");
  if (parts?.length !== 5 || parts[0] !== "v1") return null;
  const [, keyId, iv, authTag, ciphertext] = parts as [string, string, string, string, string];
  try {
    return decryptSecretValue({
      encrypted: { keyId, iv, authTag, ciphertext },
      keyring: keyring ?? loadEncryptionKeyring(),
      aad: aad(provider, providerAccountId),
      label: `The ${provider} sign-in token`,
    });
  } catch {
    return null;
  }
}
