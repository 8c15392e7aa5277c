import { eq } from "drizzle-orm";
import type { Session } from "next-auth";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { setDatabaseHandle } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import { upsertTeamMember } from "@/db/queries/team-members";
import { createTeam } from "@/db/queries/teams";
import { insertUserIfAbsent } from "@/db/queries/users";
import { users } from "@/db/schema";
import { createTestDatabase } from "@/testing/database";
import { can, visibleTeamIds } from "./actor";

// The session comes from Auth.js, which needs a request; here it is whatever the test says.
const session = vi.hoisted(() => ({ current: null as Session | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.9, 10.0.0.1" }) }));

const { getSessionActor, requireSessionActor } = await import("./get-session-actor");

let handle: DatabaseHandle;
const ids = { alice: "", bob: "", teamA: "", teamB: "", teamC: "" };
const signedInAs = (id: string) =>
  (session.current = { user: { id, email: null }, expires: new Date(Date.now() + 60_000).toISOString() });

beforeAll(async () => {
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
  const db = handle.db;
  ids.alice = (await insertUserIfAbsent({ db, values: { email: "alice@example.com" } }))!.id;
  ids.bob = (await insertUserIfAbsent({ db, values: { email: "bob@example.com" } }))!.id;
  ids.teamA = (await createTeam({ db, name: "A", slug: "a" })).id;
  ids.teamB = (await createTeam({ db, name: "B", slug: "b" })).id;
  ids.teamC = (await createTeam({ db, name: "C", slug: "c" })).id;
  await upsertTeamMember({ db, teamId: ids.teamA, userId: ids.alice, role: "admin" });
  await upsertTeamMember({ db, teamId: ids.teamB, userId: ids.alice, role: "viewer" });
  await upsertTeamMember({ db, teamId: ids.teamC, userId: ids.bob, role: "member" });
});
afterAll(() => handle.close());
beforeEach(() => {
  session.current = null;
});

describe("getSessionActor", () => {
  it("maps the session's user and their team memberships to an Actor", async () => {
    signedInAs(ids.alice);
    const actor = await getSessionActor("198.51.100.7");
    expect(actor).toMatchObject({ kind: "user", userId: ids.alice, ip: "198.51.100.7" });
    expect(actor!.memberships).toHaveLength(2);
    expect(actor!.memberships).toEqual(
      expect.arrayContaining([
        { teamId: ids.teamA, role: "admin" },
        { teamId: ids.teamB, role: "viewer" },
      ]),
    );
    expect(visibleTeamIds(actor!).sort()).toEqual([ids.teamA, ids.teamB].sort());
    expect([can(actor!, ids.teamA, "admin"), can(actor!, ids.teamB, "write"), can(actor!, ids.teamC, "read")]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it("reads roles from the database on every call, so a changed role applies at once", async () => {
    signedInAs(ids.bob);
    expect((await getSessionActor())!.memberships).toEqual([{ teamId: ids.teamC, role: "member" }]);
    await upsertTeamMember({ db: handle.db, teamId: ids.teamC, userId: ids.bob, role: "viewer" });
    expect((await getSessionActor())!.memberships).toEqual([{ teamId: ids.teamC, role: "viewer" }]);
  });

  it("is null without a session, and for a session of a user who no longer exists", async () => {
    expect(await getSessionActor()).toBeNull();
    const gone = (await insertUserIfAbsent({ db: handle.db, values: { email: "gone@example.com" } }))!.id;
    signedInAs(gone);
    expect(await getSessionActor()).not.toBeNull();
    await handle.db.delete(users).where(eq(users.id, gone));
    expect(await getSessionActor()).toBeNull();
  });
});

describe("requireSessionActor", () => {
  it("returns the actor with the request's client address (the nearest hop's, as the REST API counts it)", async () => {
    signedInAs(ids.alice);
    expect(await requireSessionActor()).toMatchObject({ userId: ids.alice, ip: "10.0.0.1" });
  });

  it("redirects to the sign-in page, with the way back, when no one is signed in", async () => {
    const error = await requireSessionActor({ callbackUrl: "/runs/x" }).catch((caught: unknown) => caught);
    expect(String((error as { digest?: string }).digest)).toContain("/signin?callbackUrl=%2Fruns%2Fx");
  });
});
