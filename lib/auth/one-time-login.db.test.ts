import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { insertUserIfAbsent } from "@/db/queries/users";
import { oneTimeLogins, sessions } from "@/db/schema";
import { createTestDatabase } from "@/testing/database";
import { confirmOneTimeLogin } from "./confirm-one-time-login";
import { databaseSessionJwt } from "./database-session-jwt";
import { hashToken } from "./hash-token";
import { createOneTimeLogin, ONE_TIME_LOGIN_TTL_MS } from "./one-time-login";
import { previewOneTimeLogin } from "./preview-one-time-login";
import { SESSION_MAX_AGE_SECONDS } from "./session-age";

// One-time links from their page to a session: confirming makes a session that waits for
// its first use, and that use, through the same decode every request goes through, spends
// the link and starts the session together.

let handle: DatabaseHandle;
let userId: string;
const jwt = () => databaseSessionJwt(() => handle.db);
/** A request presenting the session's cookie: the user it signs in, or null. */
const present = async (sessionToken: string) =>
  (await jwt().decode!({ token: sessionToken, secret: "", salt: "" }))?.sub ?? null;

beforeAll(async () => {
  handle = await createTestDatabase();
  userId = (await insertUserIfAbsent({ db: handle.db, values: { email: "person@example.com" } }))!.id;
});
afterAll(() => handle.close());

const sessionRows = async () => handle.db.select().from(sessions).where(eq(sessions.userId, userId));

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

  it("are spent when the confirmed session is first used, which starts it for 30 days", async () => {
    const { token } = await createOneTimeLogin({ db: handle.db, userId });
    const confirmed = await confirmOneTimeLogin({ db: handle.db, token });
    expect(confirmed).toMatchObject({ userId, sessionToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    // Confirmed, not yet used: the link still works.
    expect(await previewOneTimeLogin({ db: handle.db, token })).toMatchObject({ status: "valid" });

    expect(await present(confirmed!.sessionToken)).toBe(userId);
    expect(await previewOneTimeLogin({ db: handle.db, token })).toMatchObject({ status: "used" });
    const [row] = (await sessionRows()).filter(
      (session) => session.sessionToken === hashToken(confirmed!.sessionToken),
    );
    expect(row!.oneTimeLoginId).toBeNull();
    expect(row!.expires.getTime() - Date.now()).toBeGreaterThan((SESSION_MAX_AGE_SECONDS - 60) * 1000);
    expect(await present(confirmed!.sessionToken)).toBe(userId);

    expect(await confirmOneTimeLogin({ db: handle.db, token })).toBeNull();
  });

  it("spend nothing when the confirmation's answer never reached the browser: the link works again", async () => {
    const { token } = await createOneTimeLogin({ db: handle.db, userId });
    // The response carrying this cookie was lost: nobody ever presents it.
    const lost = await confirmOneTimeLogin({ db: handle.db, token });
    expect(lost).not.toBeNull();
    expect(await previewOneTimeLogin({ db: handle.db, token })).toMatchObject({ status: "valid" });

    const again = await confirmOneTimeLogin({ db: handle.db, token });
    expect(await present(again!.sessionToken)).toBe(userId);
    // The lost one ended with the link.
    expect(await present(lost!.sessionToken)).toBeNull();
    expect((await sessionRows()).some((session) => session.sessionToken === hashToken(lost!.sessionToken))).toBe(false);
  });

  it("start a session once when its first requests come together, and let only one browser in", async () => {
    const { token } = await createOneTimeLogin({ db: handle.db, userId });
    const mine = await confirmOneTimeLogin({ db: handle.db, token });
    const theirs = await confirmOneTimeLogin({ db: handle.db, token });
    expect(await Promise.all([present(mine!.sessionToken), present(mine!.sessionToken)])).toEqual([userId, userId]);
    expect(await present(theirs!.sessionToken)).toBeNull();
  });

  it("stop working when they expire, and say so", async () => {
    const created = new Date("2030-01-01T00:00:00Z");
    const { token } = await createOneTimeLogin({ db: handle.db, userId, now: created });
    const expired = new Date(created.getTime() + ONE_TIME_LOGIN_TTL_MS);
    expect(await confirmOneTimeLogin({ db: handle.db, token, now: expired })).toBeNull();
    expect(await previewOneTimeLogin({ db: handle.db, token, now: expired })).toMatchObject({ status: "expired" });
    const justBefore = new Date(created.getTime() + ONE_TIME_LOGIN_TTL_MS - 1000);
    expect(await confirmOneTimeLogin({ db: handle.db, token, now: justBefore })).toMatchObject({ userId });
  });

  it("reject unknown and malformed tokens", async () => {
    for (const token of ["A".repeat(43), "short", "' or 1=1 --"]) {
      expect(await confirmOneTimeLogin({ db: handle.db, token })).toBeNull();
      expect(await previewOneTimeLogin({ db: handle.db, token })).toEqual({ status: "unknown" });
    }
  });
});
