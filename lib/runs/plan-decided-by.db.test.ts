import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getPlanHistory } from "@/db/queries/plans";
import { createProject } from "@/db/queries/projects";
import { insertPlanVersion } from "@/db/queries/plans";
import { createTeam } from "@/db/queries/teams";
import { insertUserIfAbsent } from "@/db/queries/users";
import type { PlanContent, Project } from "@/db/schema";
import { defaultProjectSettings } from "@/lib/projects/settings";
import { autoApprovalReason } from "@/lib/runs/auto-approval-reason";
import { createTestDatabase } from "@/testing/database";

// Who or what approved a plan, as the run page says it: the person (by name or email), or
// what made the run approve itself, recorded when the run was created.
vi.mock("@/lib/inngest/client", () => ({ inngest: { send: async () => ({ ids: [] }) } }));
const { createRun } = await import("./create-run");

const content: PlanContent = {
  summary: "Add removeItem",
  steps: [{ title: "Add it" }],
  files: [],
  acceptanceChecks: [{ description: "It removes" }],
};

let handle: DatabaseHandle;
let project: Project;

beforeAll(async () => {
  handle = await createTestDatabase();
  const team = await createTeam({ db: handle.db, name: "T", slug: "t" });
  project = await createProject({
    db: handle.db,
    values: {
      provider: "local",
      name: "cart",
      repository: "/tmp/cart",
      teamId: team.id,
      settings: defaultProjectSettings(),
    },
  });
});
afterAll(() => handle.close());

describe("automatic approval", () => {
  it("records whether the run or the project's setting asked for it, and names that", async () => {
    const db = handle.db;
    const off = project;
    const on = { ...project, settings: { ...project.settings, autoConfirmPlans: true } };
    const asked = await createRun({
      db,
      input: { project: off, goal: "Add removeItem", source: "api", autoConfirm: true },
    });
    const bySetting = await createRun({ db, input: { project: on, goal: "Add removeItem", source: "dashboard" } });
    const waits = await createRun({
      db,
      input: { project: on, goal: "Add removeItem", source: "api", autoConfirm: false },
    });
    expect([asked, bySetting, waits].map((run) => [run.autoConfirm, run.autoConfirmSource])).toEqual([
      [true, "run"],
      [true, "project"],
      [false, null],
    ]);
    // The project's setting at approval time does not change what is said about the run.
    expect(autoApprovalReason(asked, on)).toBe(
      "Approved automatically: the run was started with auto-approve through the API",
    );
    expect(autoApprovalReason(bySetting, off)).toBe(
      "Approved automatically: the project's settings approve plans automatically",
    );
  });
});

describe("getPlanHistory", () => {
  it("gives each version's author by name, else email, for the run page", async () => {
    const db = handle.db;
    const ada = (await insertUserIfAbsent({ db, values: { email: "ada@example.com", name: "Ada" } }))!;
    const grace = (await insertUserIfAbsent({ db, values: { email: "grace@example.com" } }))!;
    const run = await createRun({ db, input: { project, goal: "Add removeItem", source: "api" } });
    await insertPlanVersion({ db, runId: run.id, status: "proposed", content });
    await insertPlanVersion({ db, runId: run.id, status: "edited", content, authorId: ada.id });
    await insertPlanVersion({ db, runId: run.id, status: "approved", content, authorId: grace.id });
    const history = await getPlanHistory({ db, runId: run.id });
    expect(history.map((entry) => [entry.version, entry.status, entry.authorLabel])).toEqual([
      [1, "proposed", null],
      [2, "edited", "Ada"],
      [3, "approved", "grace@example.com"],
    ]);
  });
});
