import { describe, expect, it } from "vitest";
import { isSensitiveKey, redactAuditData } from "./redact-audit-data";

describe("isSensitiveKey", () => {
  it("flags fields that may hold credentials", () => {
    for (const key of [
      "secret",
      "clientSecret",
      "token",
      "access_token",
      "accesstoken",
      "password",
      "newPassword",
      "key",
      "apiKey",
      "api-key",
      "privateKey",
      "PRIVATE_KEY",
      "authorization",
      "cookie",
      "credentials",
      "secrets",
    ]) {
      expect(isSensitiveKey(key), key).toBe(true);
    }
  });

  it("leaves fields that only describe one", () => {
    for (const key of [
      "keyId",
      "apiKeyId",
      "secretName",
      "secretNames",
      "tokenCount",
      "passwordChangedAt",
      "keyPrefix",
      "monkey",
      "keyboard",
      "name",
      "scopes",
    ]) {
      expect(isSensitiveKey(key), key).toBe(false);
    }
  });
});

describe("redactAuditData", () => {
  it("redacts credential-named fields at any depth, keeping null", () => {
    expect(
      redactAuditData({ name: "CI", token: "abc", nested: { list: [{ password: "p", ok: 1 }], secret: null } }),
    ).toEqual({
      name: "CI",
      token: "[redacted]",
      nested: { list: [{ password: "[redacted]", ok: 1 }], secret: null },
    });
  });

  it("redacts listed values wherever they appear, and credential-shaped strings", () => {
    const data = {
      command: "curl -H 'x: hunter2-value' https://example.test",
      note: ["hunter2-value", "fine"],
      pasted: "key is ml_AbCd1234_0123456789abcdefghijABCDEFGHIJxyz ok",
      github: "ghp_0123456789abcdefghijABCDEFGHIJ012345",
    };
    expect(redactAuditData(data, ["hunter2-value", ""])).toEqual({
      command: "curl -H 'x: [redacted]' https://example.test",
      note: ["[redacted]", "fine"],
      pasted: "key is [redacted] ok",
      github: "[redacted]",
    });
  });

  it("returns JSON-safe data: dates, errors, bigints, cycles, depth and long strings", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    let deep: Record<string, unknown> = { end: true };
    for (let i = 0; i < 12; i++) deep = { deep };
    const out = redactAuditData({
      at: new Date("2030-01-01T00:00:00Z"),
      error: new Error("boom"),
      big: 10n,
      fn: () => 1,
      missing: undefined,
      nan: Number.NaN,
      cyclic,
      deep,
      long: "x".repeat(5000),
    });
    expect(out).toMatchObject({
      at: "2030-01-01T00:00:00.000Z",
      error: { name: "Error", message: "boom" },
      big: "10",
      nan: null,
      cyclic: { a: 1, self: "[circular]" },
    });
    expect(out).not.toHaveProperty("fn");
    expect(out).not.toHaveProperty("missing");
    expect(JSON.stringify(out.deep)).toContain("[truncated]");
    expect((out.long as string).length).toBeLessThan(4200);
  });

  it("does not change its input", () => {
    const input = { token: "t", inner: { password: "p" } };
    redactAuditData(input);
    expect(input).toEqual({ token: "t", inner: { password: "p" } });
  });
});
