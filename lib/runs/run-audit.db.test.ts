import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createProject } from "@/db/queries/projects";
import { insertRun } from "@/db/queries/runs";
import { insertPlanVersion } from "@/db/queries/plans";
import { createTeam } from "@/db/queries/teams";
import { insertUserIfAbsent } from "@/db/queries/users";
import { auditLog, type RunState } from "@/db/schema";
import { createTestDatabase } from "@/testing/database";
import type { Actor } from "@/lib/auth/actor";
import { defaultProjectSettings } from "@/lib/projects/settings";

// Events to the pipeline are recorded, not sent: these tests are about the audit log.
const sent = vi.hoisted(() => [] as unknown[]);
vi.mock("@/lib/inngest/client", () => ({ inngest: { send: async (event: unknown) => void sent.push(event) } }));

const { decidePlan } = await import("./decide-plan");
const { requestCancel, requestMerge } = await import("./request-run-action");

const plan = {
  summary: "Add clear()",
  steps: [{ title: "Write it" }],
  files: ["cart.ts"],
  acceptanceChecks: [{ description: "clear empties the cart" }],
};
let handle: DatabaseHandle;
let teamId = "";
let projectId = "";
let person: Actor;

async function newRun(state: RunState): Promise<string> {
  const run = await insertRun({
    db: handle.db,
    values: { projectId, source: "api", goal: "g", baseBranch: "main", budget: defaultProjectSettings().budget, state },
  });
  await insertPlanVersion({ db: handle.db, runId: run.id, status: "proposed", content: plan });
  return run.id;
}

const entriesFor = (runId: string) =>
  handle.db.select().from(auditLog).where(eq(auditLog.targetId, runId)).orderBy(auditLog.id);

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  const userId = (await insertUserIfAbsent({ db, values: { email: "decider@example.com" } }))!.id;
  teamId = (await createTeam({ db, name: "Audited", slug: "audited" })).id;
  projectId = (
    await createProject({
      db,
      values: {
        teamId,
        provider: "local",
        repository: "/tmp/audited",
        name: "audited",
        settings: defaultProjectSettings(),
      },
    })
  ).id;
  person = { kind: "user", userId, memberships: [{ teamId, role: "member" }], ip: "203.0.113.9" };
});
afterAll(() => handle.close());
beforeEach(() => void (sent.length = 0));

describe("run decisions and requests are audited in lib/runs", () => {
  it("records an edited approval as plan.edited then plan.approved, by whom and from where", async () => {
    const runId = await newRun("awaiting_approval");
    const edited = { ...plan, summary: "Add clear() and reset()" };
    const { planVersion } = await decidePlan({
      db: handle.db,
      actor: person,
      ip: "198.51.100.1",
      input: { runId, decision: "approve", plan: edited },
    });
    const entries = await entriesFor(runId);
    expect(entries.map((entry) => entry.action)).toEqual(["plan.edited", "plan.approved"]);
    expect(entries[1]).toMatchObject({
      teamId,
      actorType: "user",
      actorId: person.kind === "user" ? person.userId : null,
      targetType: "run",
      ipAddress: "198.51.100.1",
      data: { planVersion, edited: true, reason: null },
    });
    expect(entries[1]!.createdAt).toBeInstanceOf(Date);
  });

  it("records a rejection with its reason", async () => {
    const runId = await newRun("awaiting_approval");
    await decidePlan({
      db: handle.db,
      actor: person,
      ip: null,
      input: { runId, decision: "reject", reason: "wrong file" },
    });
    expect(await entriesFor(runId)).toMatchObject([
      { action: "plan.rejected", data: { reason: "wrong file", edited: false }, ipAddress: null },
    ]);
  });

  it("records nothing when the decision is refused", async () => {
    const runId = await newRun("coding");
    await expect(
      decidePlan({ db: handle.db, actor: person, ip: null, input: { runId, decision: "approve" } }),
    ).rejects.toThrow(/awaits approval/);
    expect(await entriesFor(runId)).toEqual([]);
  });

  it("records cancel and merge requests, as an API key too", async () => {
    const key: Actor = {
      kind: "api_key",
      apiKeyId: "00000000-0000-4000-8000-000000000001",
      teamId,
      scopes: ["runs:write"],
      ip: "192.0.2.7",
    };
    const running = await newRun("coding");
    await requestCancel({ db: handle.db, runId: running, actor: key, ip: "192.0.2.7", reason: "not now" });
    expect(await entriesFor(running)).toMatchObject([
      {
        action: "run.cancel_requested",
        actorType: "api_key",
        actorId: key.apiKeyId,
        ipAddress: "192.0.2.7",
        data: { reason: "not now" },
      },
    ]);

    const ready = await newRun("ready");
    await requestMerge({ db: handle.db, runId: ready, actor: person, ip: "198.51.100.2" });
    expect(await entriesFor(ready)).toMatchObject([
      { action: "run.merge_requested", actorType: "user", teamId, ipAddress: "198.51.100.2" },
    ]);
    expect(sent).toHaveLength(2);
  });

  it("records nothing for a request on a run that has ended", async () => {
    const merged = await newRun("merged");
    await expect(requestCancel({ db: handle.db, runId: merged, actor: person, ip: null })).rejects.toThrow(
      /already ended/,
    );
    await expect(requestMerge({ db: handle.db, runId: merged, actor: person, ip: null })).rejects.toThrow(
      /Only a ready run/,
    );
    expect(await entriesFor(merged)).toEqual([]);
  });
});
