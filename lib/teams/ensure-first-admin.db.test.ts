import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getMembershipsByUserId } from "@/db/queries/team-members";
import { createTeam } from "@/db/queries/teams";
import { auditLog, oneTimeLogins, users } from "@/db/schema";
import { createTestDatabase } from "@/testing/database";
import { DEFAULT_ADMIN_EMAIL, ensureFirstAdmin } from "./ensure-first-admin";
import { confirmOneTimeLogin } from "@/lib/auth/confirm-one-time-login";
import { verifyPassword } from "@/lib/auth/password";

let handle: DatabaseHandle;
let teamId: string;

beforeEach(async () => {
  handle = await createTestDatabase();
  // As on a first start: the demo step has created the default team.
  teamId = (await createTeam({ db: handle.db, name: "Default team", slug: "default" })).id;
  await createTeam({ db: handle.db, name: "Later team", slug: "later" });
});
afterEach(() => handle.close());

describe("ensureFirstAdmin", () => {
  it("with a password: creates the admin of the default team, signing in with that password", async () => {
    const admin = await ensureFirstAdmin({
      db: handle.db,
      email: " Owner@Example.com ",
      password: "a long admin password",
    });
    expect(admin).toMatchObject({ user: { email: "owner@example.com" }, team: { id: teamId }, oneTimeLogin: null });
    expect(await verifyPassword("a long admin password", admin!.user.passwordHash!)).toBe(true);
    expect(await getMembershipsByUserId({ db: handle.db, userId: admin!.user.id })).toEqual([
      { teamId, role: "admin" },
    ]);
    expect(await handle.db.select().from(oneTimeLogins)).toEqual([]);
    const [entry] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "user.created"));
    expect(entry).toMatchObject({ actorType: "system", targetId: admin!.user.id, teamId });
  });

  it("without a password: creates the admin with no password and a one-time login valid for 24 hours", async () => {
    const now = new Date();
    const admin = await ensureFirstAdmin({ db: handle.db, now });
    expect(admin!.user).toMatchObject({ email: DEFAULT_ADMIN_EMAIL, passwordHash: null });
    expect(admin!.oneTimeLogin!.expiresAt.getTime() - now.getTime()).toBe(24 * 60 * 60 * 1000);
    expect(await confirmOneTimeLogin({ db: handle.db, token: admin!.oneTimeLogin!.token })).toMatchObject({
      userId: admin!.user.id,
    });
  });

  it("does nothing on later starts, with or without a password", async () => {
    expect(await ensureFirstAdmin({ db: handle.db })).not.toBeNull();
    expect(await ensureFirstAdmin({ db: handle.db })).toBeNull();
    expect(
      await ensureFirstAdmin({ db: handle.db, email: "other@example.com", password: "another long password" }),
    ).toBeNull();
    expect(await handle.db.select().from(users)).toHaveLength(1);
    expect(await handle.db.select().from(oneTimeLogins)).toHaveLength(1);
  });

  it("creates one admin when two starts race", async () => {
    const results = await Promise.all([ensureFirstAdmin({ db: handle.db }), ensureFirstAdmin({ db: handle.db })]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await handle.db.select().from(users)).toHaveLength(1);
  });

  it("does nothing when a user exists already (e.g. one who signed in with GitHub)", async () => {
    await handle.db.insert(users).values({ email: "octocat@example.com" });
    expect(await ensureFirstAdmin({ db: handle.db, password: "a long admin password" })).toBeNull();
  });
});
