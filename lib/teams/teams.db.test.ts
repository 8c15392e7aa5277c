import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { listTeamMembers, upsertTeamMember } from "@/db/queries/team-members";
import { createTeam } from "@/db/queries/teams";
import { insertUserIfAbsent } from "@/db/queries/users";
import { auditLog, sessions, type TeamRole } from "@/db/schema";
import { createTestDatabase } from "@/testing/database";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/platform/errors";
import { acceptInvitation, changeMemberRole, inviteMember, removeMember, revokeInvitation } from "@/lib/teams";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function teamWith(roles: TeamRole[]) {
  const slug = crypto.randomUUID();
  const team = await createTeam({ db: handle.db, name: "t", slug });
  const users: { id: string; email: string | null }[] = [];
  for (const [index, role] of roles.entries()) {
    const user = (await insertUserIfAbsent({ db: handle.db, values: { email: `u${index}-${slug}@example.test` } }))!;
    await upsertTeamMember({ db: handle.db, teamId: team.id, userId: user.id, role });
    users.push(user);
  }
  const as = (index: number): Actor => ({
    kind: "user",
    userId: users[index]!.id,
    memberships: [{ teamId: team.id, role: roles[index]! }],
    ip: "10.0.0.1",
  });
  return { team, users, as };
}

const roles = async (teamId: string) =>
  Object.fromEntries((await listTeamMembers({ db: handle.db, teamId })).map((m) => [m.email!.split("-")[0], m.role]));
const code = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );

describe("invitations", () => {
  it("adds the invited person with the role, once, and audits both steps", async () => {
    const { team, as } = await teamWith(["admin"]);
    const { invitation, token } = await inviteMember({
      db: handle.db,
      actor: as(0),
      ip: "10.0.0.1",
      teamId: team.id,
      email: " New@Example.TEST ",
      role: "viewer",
    });
    expect(invitation.email).toBe("new@example.test");
    expect(invitation.tokenHash).not.toContain(token);
    const invitee = (await insertUserIfAbsent({ db: handle.db, values: { email: "new@example.test" } }))!;
    const stranger = (await insertUserIfAbsent({ db: handle.db, values: { email: `other-${team.id}@example.test` } }))!;
    expect(await code(acceptInvitation({ db: handle.db, token, userId: stranger.id, ip: null }))).toBe(
      "forbidden:invitation",
    );
    expect(await code(acceptInvitation({ db: handle.db, token: "x".repeat(43), userId: invitee.id, ip: null }))).toBe(
      "not_found:invitation",
    );
    const accepted = await acceptInvitation({ db: handle.db, token, userId: invitee.id, ip: null });
    expect(accepted).toMatchObject({ teamId: team.id, member: { role: "viewer" } });
    expect(await code(acceptInvitation({ db: handle.db, token, userId: invitee.id, ip: null }))).toBe(
      "conflict:invitation",
    );
    const actions = (await handle.db.select().from(auditLog).where(eq(auditLog.teamId, team.id)))
      .map((entry) => entry.action)
      .sort();
    expect(actions).toEqual(["member.invited", "member.joined"]);
  });

  it("refuses to invite a member, and a revoked or expired link does nothing", async () => {
    const { team, users, as } = await teamWith(["admin", "member"]);
    expect(
      await code(
        inviteMember({
          db: handle.db,
          actor: as(0),
          ip: null,
          teamId: team.id,
          email: users[1]!.email!,
          role: "admin",
        }),
      ),
    ).toBe("conflict:member");
    const email = `late-${team.id}@example.test`;
    const invitee = (await insertUserIfAbsent({ db: handle.db, values: { email } }))!;
    const revoked = await inviteMember({
      db: handle.db,
      actor: as(0),
      ip: null,
      teamId: team.id,
      email,
      role: "member",
    });
    await revokeInvitation({ db: handle.db, actor: as(0), ip: null, teamId: team.id, id: revoked.invitation.id });
    expect(await code(acceptInvitation({ db: handle.db, token: revoked.token, userId: invitee.id, ip: null }))).toBe(
      "conflict:invitation",
    );
    const old = await inviteMember({
      db: handle.db,
      actor: as(0),
      ip: null,
      teamId: team.id,
      email,
      role: "member",
      now: new Date(Date.now() - 8 * 86400_000),
    });
    expect(await code(acceptInvitation({ db: handle.db, token: old.token, userId: invitee.id, ip: null }))).toBe(
      "conflict:invitation",
    );
    expect(Object.keys(await roles(team.id))).toHaveLength(2);
  });
});

describe("roles and removal", () => {
  it("keeps an admin and refuses to change one's own role", async () => {
    const { team, users, as } = await teamWith(["admin", "admin", "member"]);
    expect(
      await code(
        changeMemberRole({
          db: handle.db,
          actor: as(0),
          ip: null,
          teamId: team.id,
          userId: users[0]!.id,
          role: "viewer",
        }),
      ),
    ).toBe("forbidden:member");
    await changeMemberRole({
      db: handle.db,
      actor: as(0),
      ip: null,
      teamId: team.id,
      userId: users[1]!.id,
      role: "member",
    });
    expect(
      await code(removeMember({ db: handle.db, actor: as(0), ip: null, teamId: team.id, userId: users[0]!.id })),
    ).toBe("conflict:member");
    expect(
      await code(
        changeMemberRole({ db: handle.db, actor: as(0), ip: null, teamId: team.id, userId: "nobody", role: "member" }),
      ),
    ).toBe("not_found:member");
    expect(await roles(team.id)).toEqual({ u0: "admin", u1: "member", u2: "member" });
  });

  it("two admins demoting each other at once leave one admin", async () => {
    const { team, users, as } = await teamWith(["admin", "admin"]);
    const results = await Promise.all([
      code(
        changeMemberRole({
          db: handle.db,
          actor: as(0),
          ip: null,
          teamId: team.id,
          userId: users[1]!.id,
          role: "member",
        }),
      ),
      code(
        changeMemberRole({
          db: handle.db,
          actor: as(1),
          ip: null,
          teamId: team.id,
          userId: users[0]!.id,
          role: "member",
        }),
      ),
    ]);
    expect(results.sort()).toEqual(["conflict:member", "ok"]);
    expect(Object.values(await roles(team.id)).filter((role) => role === "admin")).toHaveLength(1);
  });

  it("signs out everywhere someone removed from their last team", async () => {
    const { team, users, as } = await teamWith(["admin", "member"]);
    const userId = users[1]!.id;
    await handle.db
      .insert(sessions)
      .values({ sessionToken: `s-${userId}`, userId, expires: new Date(Date.now() + 3600_000) });
    await removeMember({ db: handle.db, actor: as(0), ip: null, teamId: team.id, userId });
    expect(await handle.db.select().from(sessions).where(eq(sessions.userId, userId))).toEqual([]);
    expect(await roles(team.id)).toEqual({ u0: "admin" });
  });
});
