import { describe, expect, it } from "vitest";
import { hashPassword, verifyDecoyPassword, verifyPassword } from "./password";

describe("hashPassword / verifyPassword", () => {
  it("encodes scrypt with its parameters and a 16-byte salt, and verifies only the right password", async () => {
    const hash = await hashPassword("correct horse battery staple");
    const [, scheme, params, salt, key] = hash.split("$");
    expect(scheme).toBe("scrypt");
    expect(params).toBe("ln=15,r=8,p=1");
    expect(Buffer.from(salt!, "base64")).toHaveLength(16);
    expect(Buffer.from(key!, "base64")).toHaveLength(32);
    expect(hash).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("correct horse battery stapl", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("salts every hash", async () => {
    const [first, second] = await Promise.all([hashPassword("same password"), hashPassword("same password")]);
    expect(first).not.toBe(second);
    expect(await verifyPassword("same password", second)).toBe(true);
  });

  it("treats visually identical Unicode forms as the same password", async () => {
    const hash = await hashPassword("caf\u00e9-password");
    expect(await verifyPassword("cafe\u0301-password", hash)).toBe(true);
  });

  it("verifies hashes made with other (stored) parameters", async () => {
    // A cheaper hash (ln=14), as an earlier setting would have stored it.
    const { scryptSync } = await import("node:crypto");
    const salt = Buffer.from([...Array(16).keys()]);
    const key = scryptSync("legacy password", salt, 32, { N: 2 ** 14, r: 8, p: 1 });
    const hash = `$scrypt$ln=14,r=8,p=1$${salt.toString("base64")}$${key.toString("base64")}`;
    expect(await verifyPassword("legacy password", hash)).toBe(true);
  });

  it("rejects malformed hashes and parameters that would cost too much, without throwing", async () => {
    const salt = Buffer.alloc(16).toString("base64");
    const key = Buffer.alloc(32).toString("base64");
    for (const bad of [
      "",
      "plain",
      "$scrypt$ln=15,r=8,p=1$$",
      `$argon2id$ln=15,r=8,p=1$${salt}$${key}`,
      `$scrypt$ln=30,r=8,p=1$${salt}$${key}`,
      `$scrypt$ln=5,r=8,p=1$${salt}$${key}`,
      `$scrypt$ln=15,r=8,p=1$${salt}$AAAA`,
    ]) {
      expect(await verifyPassword("anything", bad)).toBe(false);
    }
  });

  it("answers false for the decoy used when an email is unknown", async () => {
    expect(await verifyDecoyPassword("whatever")).toBe(false);
  });
});
