import { describe, expect, it } from "vitest";
import { apiKeyTokenPrefix, generateApiKeyToken, hashApiKeyToken, randomBase62 } from "./token";

describe("API key tokens", () => {
  it("look like ml_<8-char prefix>_<43 base62 chars> and carry their prefix", () => {
    const { token, prefix } = generateApiKeyToken();
    expect(token).toMatch(/^ml_[0-9A-Za-z]{8}_[0-9A-Za-z]{43}$/);
    expect(token.startsWith(`ml_${prefix}_`)).toBe(true);
    expect(apiKeyTokenPrefix(token)).toBe(prefix);
  });

  it("are unique and use the whole alphabet", () => {
    const tokens = new Set(Array.from({ length: 2000 }, () => generateApiKeyToken().token));
    expect(tokens.size).toBe(2000);
    const text = randomBase62(62 * 200);
    expect(new Set(text).size).toBe(62);
  });

  it("hash to SHA-256 hex, and other shapes have no prefix", () => {
    expect(hashApiKeyToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(apiKeyTokenPrefix("an-admin-key-from-the-environment")).toBeNull();
    expect(apiKeyTokenPrefix("ml_short_x")).toBeNull();
  });
});
