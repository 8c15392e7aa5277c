import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { insertUserIfAbsent } from "@/db/queries/users";
import { oneTimeLogins } from "@/db/schema";
import { createTestDatabase } from "@/testing/database";
import { consumeOneTimeLogin, createOneTimeLogin, ONE_TIME_LOGIN_TTL_MS } from "./one-time-login";

let handle: DatabaseHandle;
let userId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  userId = (await insertUserIfAbsent({ db: handle.db, values: { email: "person@example.com" } }))!.id;
});
afterAll(() => handle.close());

describe("one-time logins", () => {
  it("sign a person in once, and keep only a hash of the token", async () => {
    const { token, expiresAt } = await createOneTimeLogin({ db: handle.db, userId });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await handle.db.select().from(oneTimeLogins).where(eq(oneTimeLogins.userId, userId));
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token);
    expect(expiresAt.getTime() - row!.createdAt.getTime()).toBeGreaterThan(ONE_TIME_LOGIN_TTL_MS - 60_000);

    expect(await consumeOneTimeLogin({ db: handle.db, token })).toBe(userId);
    expect(await consumeOneTimeLogin({ db: handle.db, token })).toBeNull();
  });

  it("let only one of two simultaneous uses through", async () => {
    const { token } = await createOneTimeLogin({ db: handle.db, userId });
    const results = await Promise.all([
      consumeOneTimeLogin({ db: handle.db, token }),
      consumeOneTimeLogin({ db: handle.db, token }),
    ]);
    expect(results.filter(Boolean)).toEqual([userId]);
  });

  it("stop working when they expire", async () => {
    const created = new Date("2030-01-01T00:00:00Z");
    const { token } = await createOneTimeLogin({ db: handle.db, userId, now: created });
    expect(
      await consumeOneTimeLogin({ db: handle.db, token, now: new Date(created.getTime() + ONE_TIME_LOGIN_TTL_MS) }),
    ).toBeNull();
    // Still unused: a time before the expiry would have accepted it.
    expect(
      await consumeOneTimeLogin({
        db: handle.db,
        token,
        now: new Date(created.getTime() + ONE_TIME_LOGIN_TTL_MS - 1000),
      }),
    ).toBe(userId);
  });

  it("reject unknown and malformed tokens", async () => {
    expect(await consumeOneTimeLogin({ db: handle.db, token: "A".repeat(43) })).toBeNull();
    expect(await consumeOneTimeLogin({ db: handle.db, token: "short" })).toBeNull();
    expect(await consumeOneTimeLogin({ db: handle.db, token: "' or 1=1 --" })).toBeNull();
  });
});
