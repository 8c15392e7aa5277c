import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getSessionWithUser } from "@/db/queries/sessions";
import { insertUserIfAbsent } from "@/db/queries/users";
import { oneTimeLogins, sessions } from "@/db/schema";
import { createTestDatabase } from "@/testing/database";
import { hashToken } from "./hash-token";
import { createOneTimeLogin, ONE_TIME_LOGIN_TTL_MS } from "./one-time-login";
import { previewOneTimeLogin } from "./preview-one-time-login";
import { redeemOneTimeLogin } from "./redeem-one-time-login";

let handle: DatabaseHandle;
let userId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  userId = (await insertUserIfAbsent({ db: handle.db, values: { email: "person@example.com" } }))!.id;
});
afterAll(() => handle.close());

const sessionCount = async () => (await handle.db.select().from(sessions).where(eq(sessions.userId, userId))).length;

describe("one-time logins", () => {
  it("keep only a hash of the token, and can be looked at any number of times without being spent", async () => {
    const { token, expiresAt } = await createOneTimeLogin({ db: handle.db, userId });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await handle.db
      .select()
      .from(oneTimeLogins)
      .where(eq(oneTimeLogins.tokenHash, hashToken(token)));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(expiresAt.getTime() - row!.createdAt.getTime()).toBeGreaterThan(ONE_TIME_LOGIN_TTL_MS - 60_000);

    for (let i = 0; i < 3; i++)
      expect(await previewOneTimeLogin({ db: handle.db, token })).toEqual({
        status: "valid",
        email: "person@example.com",
        expiresAt,
      });
  });

  it("sign in once: the link is spent and the session made together, and the second use gets nothing", async () => {
    const { token } = await createOneTimeLogin({ db: handle.db, userId });
    const before = await sessionCount();
    const session = await redeemOneTimeLogin({ db: handle.db, token });
    expect(session).toMatchObject({ userId, sessionToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(await getSessionWithUser({ db: handle.db, tokenHash: hashToken(session!.sessionToken) })).toMatchObject({
      userId,
      email: "person@example.com",
    });
    expect(await sessionCount()).toBe(before + 1);

    expect(await redeemOneTimeLogin({ db: handle.db, token })).toBeNull();
    expect(await sessionCount()).toBe(before + 1);
    expect(await previewOneTimeLogin({ db: handle.db, token })).toMatchObject({ status: "used" });
  });

  it("spend nothing when the request was abandoned before the commit: the link still works afterwards", async () => {
    const { token } = await createOneTimeLogin({ db: handle.db, userId });
    const before = await sessionCount();
    const gone = new AbortController();
    gone.abort();
    expect(await redeemOneTimeLogin({ db: handle.db, token, signal: gone.signal })).toBeNull();
    expect(await sessionCount()).toBe(before);
    expect(await previewOneTimeLogin({ db: handle.db, token })).toMatchObject({ status: "valid" });

    expect(await redeemOneTimeLogin({ db: handle.db, token })).toMatchObject({ userId });
  });

  it("let only one of two simultaneous uses through, with one session", async () => {
    const { token } = await createOneTimeLogin({ db: handle.db, userId });
    const before = await sessionCount();
    const results = await Promise.all([
      redeemOneTimeLogin({ db: handle.db, token }),
      redeemOneTimeLogin({ db: handle.db, token }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await sessionCount()).toBe(before + 1);
  });

  it("stop working when they expire, and say so", async () => {
    const created = new Date("2030-01-01T00:00:00Z");
    const { token } = await createOneTimeLogin({ db: handle.db, userId, now: created });
    const expired = new Date(created.getTime() + ONE_TIME_LOGIN_TTL_MS);
    expect(await redeemOneTimeLogin({ db: handle.db, token, now: expired })).toBeNull();
    expect(await previewOneTimeLogin({ db: handle.db, token, now: expired })).toMatchObject({ status: "expired" });
    // Still unused: a time before the expiry would have accepted it.
    const justBefore = new Date(created.getTime() + ONE_TIME_LOGIN_TTL_MS - 1000);
    expect(await redeemOneTimeLogin({ db: handle.db, token, now: justBefore })).toMatchObject({ userId });
  });

  it("reject unknown and malformed tokens", async () => {
    for (const token of ["A".repeat(43), "short", "' or 1=1 --"]) {
      expect(await redeemOneTimeLogin({ db: handle.db, token })).toBeNull();
      expect(await previewOneTimeLogin({ db: handle.db, token })).toEqual({ status: "unknown" });
    }
  });
});
