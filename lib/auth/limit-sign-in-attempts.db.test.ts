import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createTestDatabase } from "@/testing/database";
import {
  limitSignInAttempts,
  SIGN_IN_ATTEMPTS_PER_ADDRESS,
  SIGN_IN_ATTEMPTS_PER_ADDRESS_AND_ACCOUNT,
  TooManySignInAttempts,
} from "./limit-sign-in-attempts";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const attempt = (email: string, ip: string | null) => limitSignInAttempts({ db: handle.db, email, ip });

describe("limitSignInAttempts", () => {
  it("stops guessing one account's password from one address, without locking the account for others", async () => {
    for (let i = 0; i < SIGN_IN_ATTEMPTS_PER_ADDRESS_AND_ACCOUNT; i++)
      await attempt("admin@example.com", "198.51.100.1");
    const refused = await attempt("ADMIN@example.com ", "198.51.100.1").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TooManySignInAttempts);
    expect(refused).toMatchObject({ code: "too_many_attempts" });
    // The person themselves, from their own address, can still sign in.
    await expect(attempt("admin@example.com", "198.51.100.2")).resolves.toBeUndefined();
  });

  it("stops one address trying many accounts", async () => {
    for (let i = 0; i < SIGN_IN_ATTEMPTS_PER_ADDRESS; i++) await attempt(`user${i}@example.com`, "203.0.113.50");
    await expect(attempt("someone-else@example.com", "203.0.113.50")).rejects.toBeInstanceOf(TooManySignInAttempts);
    await expect(attempt("someone-else@example.com", "203.0.113.51")).resolves.toBeUndefined();
  });
});
