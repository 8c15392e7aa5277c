import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/platform/errors";
import { loadEncryptionKeyring, parseEncryptionKey } from "./encryption-keyring";
import { decryptSecretValue, encryptSecretValue, projectSecretAad } from "./secret-cipher";

const keyA = randomBytes(32).toString("base64");
const keyB = randomBytes(32).toString("base64");
const aad = projectSecretAad("project-1", "API_TOKEN");

describe("encryption keys", () => {
  it("are named by the first 12 hex chars of sha256 of the key bytes", () => {
    const key = parseEncryptionKey(keyA);
    expect(key.id).toBe(createHash("sha256").update(Buffer.from(keyA, "base64")).digest("hex").slice(0, 12));
    expect(key.key).toHaveLength(32);
  });

  it("must be 32 bytes of base64", () => {
    for (const bad of ["", "c2hvcnQ=", randomBytes(16).toString("base64"), `${keyA.slice(0, -2)}!=`]) {
      expect(() => parseEncryptionKey(bad)).toThrow(AppError);
    }
    expect(() => loadEncryptionKeyring({ current: "" })).toThrow(/MERGELINE_ENCRYPTION_KEY is not set/);
  });
});

describe("AES-256-GCM secret values", () => {
  const keyring = loadEncryptionKeyring({ current: keyA, previous: null });

  it("round-trip, with a fresh 12-byte IV each time", () => {
    const first = encryptSecretValue({ plaintext: "héllo wörld", key: keyring.current, aad });
    const second = encryptSecretValue({ plaintext: "héllo wörld", key: keyring.current, aad });
    expect(Buffer.from(first.iv, "base64")).toHaveLength(12);
    expect(Buffer.from(first.authTag, "base64")).toHaveLength(16);
    expect(first.iv).not.toBe(second.iv);
    expect(first.ciphertext).not.toBe(second.ciphertext);
    expect(decryptSecretValue({ encrypted: first, keyring, aad, label: "x" })).toBe("héllo wörld");
    expect(
      decryptSecretValue({
        encrypted: encryptSecretValue({ plaintext: "", key: keyring.current, aad }),
        keyring,
        aad,
        label: "x",
      }),
    ).toBe("");
  });

  it("read values under the previous key, and name both keys when neither matches", () => {
    const old = loadEncryptionKeyring({ current: keyB });
    const encrypted = encryptSecretValue({ plaintext: "v", key: old.current, aad });
    const rotated = loadEncryptionKeyring({ current: keyA, previous: keyB });
    expect(decryptSecretValue({ encrypted, keyring: rotated, aad, label: "x" })).toBe("v");
    expect(() => decryptSecretValue({ encrypted, keyring, aad, label: 'Secret "API_TOKEN"' })).toThrow(
      `Secret "API_TOKEN" was encrypted with key ${old.current.id}, which is not configured (MERGELINE_ENCRYPTION_KEY is ${keyring.current.id} and MERGELINE_ENCRYPTION_KEY_PREVIOUS is not set)`,
    );
  });

  it("refuse a value bound to another project or name", () => {
    const encrypted = encryptSecretValue({ plaintext: "v", key: keyring.current, aad });
    expect(() =>
      decryptSecretValue({ encrypted, keyring, aad: projectSecretAad("project-2", "API_TOKEN"), label: "x" }),
    ).toThrow(/could not be decrypted/);
    expect(() =>
      decryptSecretValue({ encrypted, keyring, aad: projectSecretAad("project-1", "OTHER"), label: "x" }),
    ).toThrow(/could not be decrypted/);
  });
});
