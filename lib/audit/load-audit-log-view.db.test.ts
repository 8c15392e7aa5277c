import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createTeam } from "@/db/queries/teams";
import { insertUserIfAbsent } from "@/db/queries/users";
import { createTestDatabase } from "@/testing/database";
import { loadAuditLogView } from "./load-audit-log-view";
import { parseAuditLogQuery } from "./parse-audit-log-query";
import { recordAudit } from "./record-audit";

let handle: DatabaseHandle;
let teamId = "";
let userId = "";

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  teamId = (await createTeam({ db, name: "Viewed", slug: "viewed" })).id;
  userId = (await insertUserIfAbsent({ db, values: { email: "admin@example.com" } }))!.id;
  const person = { kind: "user" as const, userId, memberships: [], ip: "192.0.2.5" };
  await recordAudit({ db, teamId, actor: person, action: "run.cancel_requested", targetType: "run", targetId: "r1" });
  await recordAudit({
    db,
    teamId,
    actor: { kind: "system" },
    action: "project.pinned",
    targetType: "project",
    targetId: "p1",
  });
  await recordAudit({
    db,
    teamId,
    actor: person,
    action: "plan.approved",
    targetType: "run",
    targetId: "r2",
    data: { token: "s3cret" },
  });
});
afterAll(() => handle.close());

const view = (params: Record<string, string>, limit?: number) =>
  loadAuditLogView({ db: handle.db, teamId, query: parseAuditLogQuery(params), limit });

describe("loadAuditLogView", () => {
  it("names people by email, newest first, without secrets", async () => {
    const page = await view({});
    if ("error" in page) throw new Error(page.error);
    expect(page.rows.map((row) => [row.action, row.actorLabel])).toEqual([
      ["plan.approved", "admin@example.com"],
      ["project.pinned", "Mergeline"],
      ["run.cancel_requested", "admin@example.com"],
    ]);
    expect(JSON.stringify(page.rows)).not.toContain("s3cret");
  });

  it("filters by action, by actor email and by target type", async () => {
    const byAction = await view({ action: "run.cancel_requested" });
    expect("rows" in byAction && byAction.rows.map((row) => row.targetId)).toEqual(["r1"]);
    const byActor = await view({ actor: "ADMIN@example.com", targetType: "run" });
    expect("rows" in byActor && byActor.rows.map((row) => row.targetId)).toEqual(["r2", "r1"]);
  });

  it("treats To as a whole day and refuses a malformed date", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const until = await view({ from: today, to: today });
    expect("rows" in until && until.rows).toHaveLength(3);
    expect(await view({ from: "yesterday" })).toEqual({ error: "From is not a date (YYYY-MM-DD)" });
  });

  it("pages with the cursor and reports a bad one as a message", async () => {
    const first = await view({}, 2);
    if ("error" in first) throw new Error(first.error);
    expect(first.rows).toHaveLength(2);
    const second = await view({ cursor: first.nextCursor! }, 2);
    expect("rows" in second && second.rows.map((row) => row.action)).toEqual(["run.cancel_requested"]);
    expect("rows" in second && second.nextCursor).toBeNull();
    expect(await view({ cursor: "nonsense" })).toEqual({ error: expect.stringContaining("cursor") });
  });
});
