import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createTeam } from "@/db/queries/teams";
import { auditLog, type Team } from "@/db/schema";
import { createTestDatabase } from "@/testing/database";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/platform/errors";
import { listAuditLog } from "./list-audit-log";
import { recordAudit } from "./record-audit";

let handle: DatabaseHandle;
let team: Team;
let other: Team;
const user: Actor = { kind: "user", userId: "user-1", memberships: [], ip: "192.0.2.1" };
const key: Actor = { kind: "api_key", apiKeyId: "key-1", teamId: "t", scopes: ["admin"], ip: "192.0.2.2" };

beforeAll(async () => {
  handle = await createTestDatabase();
  team = await createTeam({ db: handle.db, name: "Team", slug: "team" });
  other = await createTeam({ db: handle.db, name: "Other", slug: "other" });
});
afterAll(async () => handle.close());

describe("recordAudit", () => {
  it("stores who, what, on what and from where, for every kind of actor", async () => {
    const base = { db: handle.db, teamId: other.id, targetType: "project", targetId: "p1" };
    const rows = [
      await recordAudit({ ...base, actor: user, action: "project.created", data: { name: "cart" } }),
      await recordAudit({ ...base, actor: key, action: "run.started", ip: "198.51.100.7" }),
      await recordAudit({ ...base, actor: { kind: "system" }, action: "project.pinned" }),
      await recordAudit({ ...base, actor: { kind: "github", login: "octocat" }, action: "issue.labeled", ip: null }),
    ];
    expect(rows.map(({ actorType, actorId, ipAddress }) => ({ actorType, actorId, ipAddress }))).toEqual([
      { actorType: "user", actorId: "user-1", ipAddress: "192.0.2.1" },
      { actorType: "api_key", actorId: "key-1", ipAddress: "198.51.100.7" },
      { actorType: "system", actorId: null, ipAddress: null },
      { actorType: "github", actorId: "octocat", ipAddress: null },
    ]);
    expect(rows[0]).toMatchObject({
      teamId: other.id,
      action: "project.created",
      targetType: "project",
      targetId: "p1",
      data: { name: "cart" },
    });
  });

  it("never stores a secret value", async () => {
    const value = "sk-live-0123456789abcdefghij-very-secret";
    const entry = await recordAudit({
      db: handle.db,
      actor: user,
      teamId: other.id,
      action: "project_secret.set",
      targetType: "project",
      targetId: "p1",
      data: { secretName: "STRIPE_KEY", value, secret: value, note: `set to ${value}` },
      redact: [value],
    });
    expect(entry.data).toEqual({
      secretName: "STRIPE_KEY",
      value: "[redacted]",
      secret: "[redacted]",
      note: "set to [redacted]",
    });
    const stored = await handle.db.execute(
      sql`select ${auditLog.data}::text as data from ${auditLog} where ${auditLog.id} = ${entry.id}`,
    );
    expect(JSON.stringify(stored)).not.toContain("very-secret");
  });

  it("refuses an action that is not noun.verb", async () => {
    await expect(
      recordAudit({ db: handle.db, actor: user, teamId: other.id, action: "Created Project" }),
    ).rejects.toBeInstanceOf(AppError);
  });
});

describe("listAuditLog", () => {
  let ids: number[];
  beforeAll(async () => {
    // 25 entries in one transaction: they share created_at, so only the id orders them.
    ids = await handle.db.transaction(async (tx) => {
      const out: number[] = [];
      for (let i = 0; i < 25; i++) {
        const actor = i % 2 === 0 ? user : key;
        out.push(
          (
            await recordAudit({
              db: tx,
              actor,
              teamId: team.id,
              action: i % 5 === 0 ? "run.cancelled" : "run.started",
              targetType: "run",
              targetId: `r${i}`,
            })
          ).id,
        );
      }
      return out;
    });
    await recordAudit({
      db: handle.db,
      actor: user,
      teamId: team.id,
      action: "project.created",
      targetType: "project",
      targetId: "p",
    });
  });

  it("pages newest first with an opaque cursor, missing and repeating nothing", async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listAuditLog>> = await listAuditLog({
        db: handle.db,
        teamId: team.id,
        cursor,
        limit: 10,
      });
      seen.push(...page.entries.map((entry) => entry.id));
      cursor = page.nextCursor;
      if (cursor) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(26);
    expect(seen.slice(1)).toEqual([...ids].reverse());
    expect(new Set(seen).size).toBe(26);
  });

  it("filters by action, actor, target type and time, within the team only", async () => {
    const list = (filters: Parameters<typeof listAuditLog>[0]["filters"]) =>
      listAuditLog({ db: handle.db, teamId: team.id, filters, limit: 200 });
    expect((await list({ action: "run.cancelled" })).entries.map((entry) => entry.targetId)).toEqual([
      "r20",
      "r15",
      "r10",
      "r5",
      "r0",
    ]);
    expect((await list({ actorId: "key-1" })).entries).toHaveLength(12);
    expect((await list({ targetType: "project" })).entries.map((entry) => entry.action)).toEqual(["project.created"]);
    const all = (await list({})).entries;
    expect(all.every((entry) => entry.teamId === team.id)).toBe(true);
    const newest = all[0]!.createdAt;
    expect((await list({ since: newest })).entries.map((entry) => entry.action)).toEqual(["project.created"]);
    expect((await list({ until: newest })).entries).toHaveLength(25);
    expect((await list({ since: new Date(newest.getTime() + 1000) })).entries).toEqual([]);
  });

  it("refuses a forged cursor and a bad limit", async () => {
    for (const cursor of [
      "not-a-cursor",
      Buffer.from('["yesterday",1]').toString("base64url"),
      Buffer.from("[1,2,3]").toString("base64url"),
    ]) {
      await expect(listAuditLog({ db: handle.db, teamId: team.id, cursor, limit: 10 })).rejects.toMatchObject({
        code: "bad_request:cursor",
      });
    }
    await expect(listAuditLog({ db: handle.db, teamId: team.id, limit: 0 })).rejects.toMatchObject({
      code: "bad_request:limit",
    });
    await expect(listAuditLog({ db: handle.db, teamId: team.id, limit: 201 })).rejects.toMatchObject({
      code: "bad_request:limit",
    });
  });
});
