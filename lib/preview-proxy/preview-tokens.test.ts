import { describe, expect, it } from "vitest";
import { signPreviewClaims, verifyPreviewClaims } from "./preview-tokens";

const secret = "preview-token-test-secret-0123456789abcdef";
const claims = { label: "pr-3--cart", subject: "user-1", expiresAt: Date.now() + 60_000, use: "handoff" as const };

describe("preview tokens", () => {
  it("verify what was signed, for its use only, until it expires", () => {
    const token = signPreviewClaims(claims, secret);
    expect(verifyPreviewClaims(token, "handoff", { secret })).toEqual(claims);
    expect(verifyPreviewClaims(token, "access", { secret })).toBeNull();
    expect(verifyPreviewClaims(token, "handoff", { secret, now: claims.expiresAt })).toBeNull();
  });

  it("refuse a changed payload, another key's signature and garbage", () => {
    const token = signPreviewClaims(claims, secret);
    const [payload, signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify(["pr-3--cart", "admin", claims.expiresAt, "handoff"])).toString(
      "base64url",
    );
    expect(verifyPreviewClaims(`${forged}.${signature}`, "handoff", { secret })).toBeNull();
    expect(verifyPreviewClaims(signPreviewClaims(claims, `${secret}x`), "handoff", { secret })).toBeNull();
    for (const bad of ["", "x", `${payload}.`, `${payload}.${signature}.x`, "a".repeat(5000)])
      expect(verifyPreviewClaims(bad, "handoff", { secret })).toBeNull();
  });
});
