import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "./client";
import { createProject, getPinnedProjects } from "./queries/projects";
import { createTeam } from "./queries/teams";
import { apiKeys, plans, projects, runEvents, runs, teamMembers, users, webhookDeliveries } from "./schema";
import { createTestDatabase } from "@/testing/database";
import { defaultProjectSettings } from "@/lib/projects/settings";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function newProject(name: string, pinned = true) {
  const team = await createTeam({ db: handle.db, name, slug: `${name}-${crypto.randomUUID().slice(0, 8)}` });
  const project = await createProject({
    db: handle.db,
    values: {
      teamId: team.id,
      provider: "local",
      repository: `/repos/${name}`,
      name,
      pinned,
      settings: defaultProjectSettings(),
    },
  });
  return { team, project };
}

describe("the data model", () => {
  it("applies every migration on this database", async () => {
    const { project } = await newProject("alpha");
    expect(project.settings.budget.maxAttempts).toBe(3);
    expect(project.defaultBranch).toBe("main");
  });

  it("lists pinned projects in a stable order, with their team", async () => {
    const { team } = await newProject("pinned-one");
    await newProject("hidden", false);
    const mineOnly = await getPinnedProjects({ db: handle.db, teamId: team.id });
    expect(mineOnly.map((project) => [project.name, project.teamName])).toEqual([["pinned-one", "pinned-one"]]);
    const all = await getPinnedProjects({ db: handle.db });
    expect(all.map((project) => project.name)).not.toContain("hidden");
  });

  it("lists only the pinned projects of a person's teams", async () => {
    const { team: first } = await newProject("team-one");
    const { team: second } = await newProject("team-two");
    await newProject("team-three");
    const mine = await getPinnedProjects({ db: handle.db, teamIds: [first.id, second.id] });
    expect(mine.map((project) => [project.name, project.teamId])).toEqual([
      ["team-one", first.id],
      ["team-two", second.id],
    ]);
    expect(await getPinnedProjects({ db: handle.db, teamIds: [] })).toEqual([]);
  });

  it("keeps a repository pinned once per team", async () => {
    const { team } = await newProject("twice");
    await expect(
      createProject({
        db: handle.db,
        values: {
          teamId: team.id,
          provider: "local",
          repository: "/repos/twice",
          name: "again",
          settings: defaultProjectSettings(),
        },
      }),
    ).rejects.toThrow();
  });

  it("keeps run events append-only and unique per sequence number", async () => {
    const { project } = await newProject("runs");
    const [run] = await handle.db
      .insert(runs)
      .values({
        projectId: project.id,
        source: "dashboard",
        goal: "Add a remove function",
        baseBranch: "main",
        budget: project.settings.budget,
      })
      .returning();
    expect(run!.state).toBe("queued");
    await handle.db
      .insert(runEvents)
      .values({ runId: run!.id, seq: 1, type: "state.changed", fromState: "queued", toState: "planning" });
    await expect(
      handle.db.insert(runEvents).values({ runId: run!.id, seq: 1, type: "state.changed" }),
    ).rejects.toThrow();
    // A transaction that fails half-way leaves nothing behind.
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.update(runs).set({ state: "planning", lastSeq: 2 }).where(eq(runs.id, run!.id));
        await tx.insert(runEvents).values({ runId: run!.id, seq: 1, type: "state.changed" });
      }),
    ).rejects.toThrow();
    const [after] = await handle.db.select().from(runs).where(eq(runs.id, run!.id));
    expect(after!.state).toBe("queued");
    await expect(handle.db.insert(runs).values({ ...run!, id: undefined, state: "done" as never })).rejects.toThrow();
  });

  it("versions plans and cascades deletes from a project", async () => {
    const { project } = await newProject("cascade");
    const [run] = await handle.db
      .insert(runs)
      .values({ projectId: project.id, source: "api", goal: "x", baseBranch: "main", budget: project.settings.budget })
      .returning();
    const content = {
      summary: "s",
      steps: [{ title: "do it" }],
      files: ["a.js"],
      acceptanceChecks: [{ description: "tests pass" }],
    };
    await handle.db.insert(plans).values({ runId: run!.id, version: 1, status: "proposed", content });
    await expect(
      handle.db.insert(plans).values({ runId: run!.id, version: 1, status: "edited", content }),
    ).rejects.toThrow();
    await handle.db.delete(projects).where(eq(projects.id, project.id));
    expect(await handle.db.select().from(plans).where(eq(plans.runId, run!.id))).toEqual([]);
  });

  it("enforces roles, unique delivery ids and hashed key uniqueness", async () => {
    const { team } = await newProject("rules");
    const [user] = await handle.db
      .insert(users)
      .values({ email: `u-${crypto.randomUUID()}@example.test` })
      .returning();
    await handle.db.insert(teamMembers).values({ teamId: team.id, userId: user!.id, role: "viewer" });
    await expect(
      handle.db.insert(teamMembers).values({ teamId: team.id, userId: user!.id, role: "owner" as never }),
    ).rejects.toThrow();
    await handle.db.insert(webhookDeliveries).values({ deliveryId: "d-1", event: "issues", action: "labeled" });
    await expect(handle.db.insert(webhookDeliveries).values({ deliveryId: "d-1", event: "issues" })).rejects.toThrow();
    await handle.db
      .insert(apiKeys)
      .values({ teamId: team.id, name: "ci", prefix: "ml_ab", keyHash: "h1", scopes: ["read"] });
    await expect(
      handle.db
        .insert(apiKeys)
        .values({ teamId: team.id, name: "ci2", prefix: "ml_ab", keyHash: "h1", scopes: ["read"] }),
    ).rejects.toThrow();
  });
});
