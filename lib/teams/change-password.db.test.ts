import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { insertSession } from "@/db/queries/sessions";
import { createTeam } from "@/db/queries/teams";
import { getUserById, insertUserIfAbsent } from "@/db/queries/users";
import { auditLog, sessions, teamMembers } from "@/db/schema";
import type { UserActor } from "@/lib/auth/get-session-actor";
import { hashToken } from "@/lib/auth/hash-token";
import { SIGN_IN_ATTEMPTS_PER_ADDRESS_AND_ACCOUNT } from "@/lib/auth/limit-sign-in-attempts";
import { verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/platform/errors";
import { createTestDatabase } from "@/testing/database";
import { changePassword } from "./change-password";

let handle: DatabaseHandle;
let actor: UserActor;
let teamId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  teamId = (await createTeam({ db, name: "Team", slug: "team" })).id;
  const user = (await insertUserIfAbsent({ db, values: { email: "first-admin@example.com" } }))!;
  await db.insert(teamMembers).values({ teamId, userId: user.id, role: "admin" });
  actor = { kind: "user", userId: user.id, memberships: [{ teamId, role: "admin" }], ip: "192.0.2.9" };
});
afterAll(() => handle.close());

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof AppError ? [error.code, error.message] : error),
  );
const openSessions = async () =>
  (await handle.db.select().from(sessions).where(eq(sessions.userId, actor.userId))).map((row) => row.sessionToken);
const passwordHash = async () => (await getUserById({ db: handle.db, id: actor.userId }))!.passwordHash;

describe("changePassword", () => {
  it("sets a first password without asking for one, keeps this session and ends the others, and audits it", async () => {
    const expires = new Date(Date.now() + 60_000);
    for (const token of ["this-device", "phone", "laptop"])
      await insertSession({ db: handle.db, tokenHash: hashToken(token), userId: actor.userId, expires });

    expect(
      await refusal(
        changePassword({
          db: handle.db,
          actor,
          currentPassword: null,
          newPassword: "short",
          currentSessionTokenHash: null,
        }),
      ),
    ).toEqual(["bad_request:newPassword", "Choose a password of at least 12 characters."]);
    expect(await passwordHash()).toBeNull();

    const result = await changePassword({
      db: handle.db,
      actor,
      currentPassword: null,
      newPassword: "correct horse battery",
      currentSessionTokenHash: hashToken("this-device"),
    });
    expect(result).toEqual({ action: "set", otherSessionsEnded: 2 });
    expect(await verifyPassword("correct horse battery", (await passwordHash())!)).toBe(true);
    expect(await openSessions()).toEqual([hashToken("this-device")]);
    const [entry] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "user.password_set"));
    expect(entry).toMatchObject({ teamId, actorId: actor.userId, targetType: "user", targetId: actor.userId });
    expect(JSON.stringify(entry)).not.toContain("correct horse");
  });

  it("changes it only with the current password, refusing a wrong one without changing anything", async () => {
    const before = await passwordHash();
    expect(
      await refusal(
        changePassword({
          db: handle.db,
          actor,
          currentPassword: null,
          newPassword: "another long password",
          currentSessionTokenHash: null,
        }),
      ),
    ).toEqual(["bad_request:currentPassword", "Enter your current password."]);
    expect(
      await refusal(
        changePassword({
          db: handle.db,
          actor,
          currentPassword: "a wrong guess",
          newPassword: "another long password",
          currentSessionTokenHash: null,
        }),
      ),
    ).toEqual(["bad_request:currentPassword", "That is not your current password."]);
    expect(await passwordHash()).toBe(before);

    expect(
      await changePassword({
        db: handle.db,
        actor,
        currentPassword: "correct horse battery",
        newPassword: "another long password",
        currentSessionTokenHash: hashToken("this-device"),
      }),
    ).toEqual({ action: "changed", otherSessionsEnded: 0 });
    expect(await verifyPassword("another long password", (await passwordHash())!)).toBe(true);
  });

  it("counts wrong current passwords against the sign-in limits", async () => {
    const guesser = { ...actor, ip: "198.51.100.20" };
    const guess = () =>
      refusal(
        changePassword({
          db: handle.db,
          actor: guesser,
          currentPassword: "guess",
          newPassword: "yet another password",
          currentSessionTokenHash: null,
        }),
      );
    for (let i = 0; i < SIGN_IN_ATTEMPTS_PER_ADDRESS_AND_ACCOUNT; i++)
      expect(await guess()).toEqual(["bad_request:currentPassword", "That is not your current password."]);
    expect((await guess()) as string[]).toEqual([
      "rate_limited:password",
      expect.stringMatching(/Too many password attempts/),
    ]);
  });
});
