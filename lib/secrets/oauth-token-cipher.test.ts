import { describe, expect, it } from "vitest";
import { loadEncryptionKeyring } from "./encryption-keyring";
import { openOAuthToken, sealOAuthToken } from "./oauth-token-cipher";

const keyring = loadEncryptionKeyring({ current: Buffer.alloc(32, 1).toString("base64") });
const other = loadEncryptionKeyring({ current: Buffer.alloc(32, 2).toString("base64") });

describe("OAuth tokens at rest", () => {
  it("round-trips, bound to its account, and never stores the plaintext", () => {
    const sealed = sealOAuthToken({ token: "gho_secret123", provider: "github", providerAccountId: "42", keyring });
    expect(sealed).not.toContain("gho_secret123");
    expect(openOAuthToken({ sealed, provider: "github", providerAccountId: "42", keyring })).toBe("gho_secret123");
    expect(openOAuthToken({ sealed, provider: "github", providerAccountId: "43", keyring })).toBeNull();
    expect(openOAuthToken({ sealed, provider: "github", providerAccountId: "42", keyring: other })).toBeNull();
    expect(openOAuthToken({ sealed: "gho_plain", provider: "github", providerAccountId: "42", keyring })).toBeNull();
    expect(openOAuthToken({ sealed: null, provider: "github", providerAccountId: "42", keyring })).toBeNull();
  });
});
