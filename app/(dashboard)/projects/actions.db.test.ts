import fs from "node:fs/promises";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { setDatabaseHandle } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import { createProject, getProjectById, getProjectByRepository } from "@/db/queries/projects";
import { createTeam } from "@/db/queries/teams";
import { insertUserIfAbsent } from "@/db/queries/users";
import { auditLog, projectSecrets } from "@/db/schema";
import { createTestDatabase } from "@/testing/database";
import type { UserActor } from "@/lib/auth/get-session-actor";
import { makeRepository, makeTempDir } from "@/testing/local-project";
import { defaultProjectSettings } from "@/lib/projects/settings";
import { getProjectSecretValues, listProjectSecretNames } from "@/lib/secrets";

// The project actions: admin only, audited, and bad input changes nothing. Real git
// repositories on disk; the session is whatever the test says.
vi.hoisted(() => vi.stubEnv("MERGELINE_ENCRYPTION_KEY", Buffer.alloc(32, 5).toString("base64")));
const state = vi.hoisted(() => ({ actor: null as UserActor | null }));
vi.mock("@/lib/auth/get-session-actor", () => ({
  getSessionActor: async (ip: string | null) => state.actor && { ...state.actor, ip },
}));
vi.mock("@/lib/auth/request-ip", () => ({ requestIp: async () => "198.51.100.7" }));

const {
  deleteProjectSecretAction,
  pinProjectAction,
  saveProjectSecretAction,
  unpinProjectAction,
  updateProjectSettingsAction,
} = await import("./actions");

let handle: DatabaseHandle;
let root: string;
const ids = { user: "", team: "", otherTeam: "", project: "", otherProject: "" };
const as = (role: "admin" | "member" | "viewer" | null, teamId = ids.team) =>
  (state.actor = { kind: "user", userId: ids.user, memberships: role ? [{ teamId, role }] : [], ip: null });
const auditCount = async (action: string) =>
  (await handle.db.select().from(auditLog).where(eq(auditLog.action, action))).length;

beforeAll(async () => {
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
  const db = handle.db;
  root = await makeTempDir("mergeline-actions-");
  ids.user = (await insertUserIfAbsent({ db, values: { email: "admin@example.com" } }))!.id;
  ids.team = (await createTeam({ db, name: "Mine", slug: "mine" })).id;
  ids.otherTeam = (await createTeam({ db, name: "Theirs", slug: "theirs" })).id;
  const values = { provider: "local" as const, name: "r", settings: defaultProjectSettings() };
  ids.project = (await createProject({ db, values: { ...values, repository: "/tmp/mine", teamId: ids.team } })).id;
  ids.otherProject = (
    await createProject({ db, values: { ...values, repository: "/tmp/theirs", teamId: ids.otherTeam } })
  ).id;
});
afterAll(async () => {
  await handle.close();
  await fs.rm(root, { recursive: true, force: true });
});
beforeEach(() => {
  state.actor = null;
});

describe("pinProjectAction", () => {
  it("pins a local git repository for an admin, audited, and refuses a second pin", async () => {
    const repository = await makeRepository(root);
    as("admin");
    const pinned = await pinProjectAction({ provider: "local", repository });
    expect(pinned).toMatchObject({ ok: true, projectId: expect.any(String) });
    const project = await getProjectByRepository({ db: handle.db, teamId: ids.team, provider: "local", repository });
    expect(project).toMatchObject({ pinned: true, defaultBranch: "main" });
    const [entry] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "project.pinned"), eq(auditLog.targetId, project!.id)));
    expect(entry).toMatchObject({ actorId: ids.user, ipAddress: "198.51.100.7", teamId: ids.team });
    expect(await pinProjectAction({ provider: "local", repository })).toMatchObject({
      ok: false,
      error: expect.stringContaining("already pinned"),
    });
  });

  it("changes nothing for a member, a path that is not a repository, or a relative path", async () => {
    const repository = await makeRepository(root);
    const before = await auditCount("project.pinned");
    as("member");
    expect(await pinProjectAction({ provider: "local", repository })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/admin|not allowed|forbidden/i),
    });
    as("admin");
    const folder = await makeTempDir("mergeline-not-a-repo-");
    expect(await pinProjectAction({ provider: "local", repository: folder })).toMatchObject({ ok: false });
    expect(await pinProjectAction({ provider: "local", repository: "relative/path" })).toMatchObject({
      ok: false,
      fieldErrors: { repository: "Must be an absolute path" },
    });
    expect(
      await getProjectByRepository({ db: handle.db, teamId: ids.team, provider: "local", repository }),
    ).toBeUndefined();
    expect(
      await getProjectByRepository({ db: handle.db, teamId: ids.team, provider: "local", repository: folder }),
    ).toBeUndefined();
    expect(await auditCount("project.pinned")).toBe(before);
  });
});

describe("unpinProjectAction", () => {
  it("lets an admin unpin; a viewer and another team cannot", async () => {
    const db = handle.db;
    const project = await createProject({
      db,
      values: {
        teamId: ids.team,
        provider: "local",
        repository: "/tmp/unpin-me",
        name: "unpin-me",
        settings: defaultProjectSettings(),
      },
    });
    as("viewer");
    expect(await unpinProjectAction({ projectId: project.id })).toEqual({
      ok: false,
      error: "Only a team admin can change this",
    });
    as("admin", ids.otherTeam);
    expect(await unpinProjectAction({ projectId: project.id })).toEqual({ ok: false, error: "Project not found" });
    expect((await getProjectById({ db, id: project.id }))!.pinned).toBe(true);
    as("admin");
    expect(await unpinProjectAction({ projectId: project.id })).toEqual({ ok: true });
    expect((await getProjectById({ db, id: project.id }))!.pinned).toBe(false);
  });
});

describe("updateProjectSettingsAction", () => {
  it("saves an admin's settings and audits what changed", async () => {
    as("admin");
    const result = await updateProjectSettingsAction({
      projectId: ids.project,
      settings: { testCommands: ["npm test"], budget: { maxAttempts: 5 }, allowNetworkInTests: true },
    });
    expect(result).toEqual({ ok: true, changed: true });
    const project = await getProjectById({ db: handle.db, id: ids.project });
    expect(project!.settings).toMatchObject({
      testCommands: ["npm test"],
      budget: { maxAttempts: 5, maxDollars: 5, maxMinutes: 60 },
      allowNetworkInTests: true,
    });
    const [entry] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "project.settings.updated"), eq(auditLog.targetId, ids.project)));
    expect(entry!.data).toMatchObject({
      changed: expect.arrayContaining(["testCommands", "budget", "allowNetworkInTests"]),
    });
    expect(
      await updateProjectSettingsAction({ projectId: ids.project, settings: { testCommands: ["npm test"] } }),
    ).toEqual({ ok: true, changed: false });
  });

  it("names every bad field and changes nothing; members and viewers cannot change settings", async () => {
    const before = (await getProjectById({ db: handle.db, id: ids.project }))!;
    const audits = await auditCount("project.settings.updated");
    as("admin");
    const result = await updateProjectSettingsAction({
      projectId: ids.project,
      settings: {
        testCommands: ["npm test", "  "],
        budget: { maxAttempts: 0, maxDollars: Number.NaN },
        previewPages: ["no-slash"],
        model: "gpt-4",
      },
    });
    expect(result).toMatchObject({ ok: false, fieldErrors: expect.any(Object) });
    expect(Object.keys((result as { fieldErrors: object }).fieldErrors)).toEqual(
      expect.arrayContaining([
        "settings.testCommands.1",
        "settings.budget.maxAttempts",
        "settings.budget.maxDollars",
        "settings.previewPages.0",
        "settings.model",
      ]),
    );
    expect(
      await updateProjectSettingsAction({ projectId: ids.project, settings: { unknown: 1 } as never }),
    ).toMatchObject({ ok: false });
    for (const role of ["member", "viewer"] as const) {
      as(role);
      expect(
        await updateProjectSettingsAction({ projectId: ids.project, settings: { testCommands: ["rm -rf /"] } }),
      ).toEqual({ ok: false, error: "Only a team admin can change this" });
    }
    expect((await getProjectById({ db: handle.db, id: ids.project }))!.settings).toEqual(before.settings);
    expect(await auditCount("project.settings.updated")).toBe(audits);
  });
});

describe("project secret actions", () => {
  it("save a value that is never returned, stored encrypted, replaced and deleted by an admin", async () => {
    as("admin");
    const value = "s3cr3t-value-that-must-not-leak";
    const saved = await saveProjectSecretAction({ projectId: ids.project, name: "API_TOKEN", value });
    expect(saved).toEqual({ ok: true, name: "API_TOKEN" });
    expect(JSON.stringify(saved)).not.toContain(value);
    const [row] = await handle.db.select().from(projectSecrets).where(eq(projectSecrets.projectId, ids.project));
    expect(JSON.stringify(row)).not.toContain(value);
    expect(await getProjectSecretValues({ db: handle.db, projectId: ids.project })).toEqual({ API_TOKEN: value });
    expect(await saveProjectSecretAction({ projectId: ids.project, name: "API_TOKEN", value: "second" })).toEqual({
      ok: true,
      name: "API_TOKEN",
    });
    expect(await getProjectSecretValues({ db: handle.db, projectId: ids.project })).toEqual({ API_TOKEN: "second" });
    const audits = await handle.db.select().from(auditLog).where(eq(auditLog.targetId, ids.project));
    expect(JSON.stringify(audits)).not.toContain(value);
    expect(audits.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(["project_secret.created", "project_secret.updated"]),
    );
    expect(await deleteProjectSecretAction({ projectId: ids.project, name: "API_TOKEN" })).toEqual({ ok: true });
    expect(await listProjectSecretNames({ db: handle.db, projectId: ids.project })).toEqual([]);
  });

  it("refuse bad names, empty values, non-admins and other teams, storing nothing", async () => {
    as("admin");
    expect(await saveProjectSecretAction({ projectId: ids.project, name: "bad-name", value: "x" })).toMatchObject({
      ok: false,
      fieldErrors: { name: expect.any(String) },
    });
    expect(await saveProjectSecretAction({ projectId: ids.project, name: "OK_NAME", value: "" })).toMatchObject({
      ok: false,
      fieldErrors: { value: "Enter a value" },
    });
    expect(await saveProjectSecretAction({ projectId: ids.otherProject, name: "OK_NAME", value: "x" })).toEqual({
      ok: false,
      error: "Project not found",
    });
    as("member");
    expect(await saveProjectSecretAction({ projectId: ids.project, name: "OK_NAME", value: "x" })).toEqual({
      ok: false,
      error: "Only a team admin can change this",
    });
    expect(await listProjectSecretNames({ db: handle.db, projectId: ids.project })).toEqual([]);
    expect(await listProjectSecretNames({ db: handle.db, projectId: ids.otherProject })).toEqual([]);
  });
});
