import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";

// GET /api/runs/:id/artifacts/:attempt/:name with real files and a real database. The
// session is replaced by who it would be (next-auth needs Next's request scope).
const state = vi.hoisted(() => {
  const dataDir = require("node:fs").mkdtempSync(
    require("node:path").join(require("node:os").tmpdir(), "mergeline-artifacts-"),
  );
  process.env.MERGELINE_DATA_DIR = dataDir;
  return { dataDir: dataDir as string, actor: null as Actor | null };
});
vi.mock("@/lib/auth/get-session-actor", () => ({ getSessionActor: async () => state.actor }));

let handle: DatabaseHandle;
let runId: string;
let teamId: string;
let otherTeamId: string;
const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");

beforeAll(async () => {
  const { createTestDatabase } = await import("@/testing/database");
  const { setDatabaseHandle } = await import("@/db");
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
  const { createTeam } = await import("@/db/queries/teams");
  const { createProject } = await import("@/db/queries/projects");
  const { insertRun } = await import("@/db/queries/runs");
  const { upsertValidation } = await import("@/db/queries/validations");
  const { defaultProjectSettings } = await import("@/lib/projects/settings");
  const { saveArtifact } = await import("@/lib/validation/artifacts/save-artifact");
  const db = handle.db;
  teamId = (await createTeam({ db, name: "A", slug: `a-${Date.now()}` })).id;
  otherTeamId = (await createTeam({ db, name: "B", slug: `b-${Date.now()}` })).id;
  const project = await createProject({
    db,
    values: { teamId, provider: "local", repository: "/nowhere", name: "p", settings: defaultProjectSettings() },
  });
  runId = (
    await insertRun({
      db,
      values: {
        projectId: project.id,
        source: "api",
        goal: "g",
        baseBranch: "main",
        budget: { maxAttempts: 3, maxDollars: 5, maxMinutes: 60 },
      },
    })
  ).id;
  const artifacts = [
    await saveArtifact({ runId, attempt: 1, name: "screenshot-1-root.png", kind: "screenshot", data: png }),
    await saveArtifact({
      runId,
      attempt: 1,
      name: "preview.log",
      kind: "log",
      data: "<script>alert(1)</script> listening on 4100\n",
    }),
  ];
  await upsertValidation({ db, runId, attempt: 1, values: { status: "failed", artifacts } });
  // A file in the run's directory that no validation recorded, and one outside it.
  fs.writeFileSync(path.join(state.dataDir, "artifacts", runId, "1", "unrecorded.png"), png);
  fs.writeFileSync(path.join(state.dataDir, "secrets.json"), "{}");
});
afterAll(async () => {
  await handle?.close();
  fs.rmSync(state.dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  state.actor = { kind: "user", userId: "u1", memberships: [{ teamId, role: "viewer" }], ip: null };
});

async function get(id: string, attempt: string, name: string): Promise<Response> {
  const { GET } = await import("./route");
  const url = `http://127.0.0.1/api/runs/${id}/artifacts/${attempt}/${encodeURIComponent(name)}`;
  return GET(new Request(url, { headers: { cookie: "authjs.session-token=x" } }), {
    params: Promise.resolve({ id, attempt, name }),
  });
}

describe("GET /api/runs/:id/artifacts/:attempt/:name", () => {
  it("serves a recorded screenshot and log to a person who can see the project, with the right content type", async () => {
    const image = await get(runId, "1", "screenshot-1-root.png");
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await image.arrayBuffer())).toEqual(png);
    const log = await get(runId, "1", "preview.log");
    expect(log.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(log.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await log.text()).toContain("listening on 4100");
  });

  it("answers 401 without a session", async () => {
    state.actor = null;
    const response = await get(runId, "1", "screenshot-1-root.png");
    expect(response.status).toBe(401);
  });

  it("answers 404 to a member of another team, as for a run that does not exist", async () => {
    state.actor = { kind: "user", userId: "u2", memberships: [{ teamId: otherTeamId, role: "admin" }], ip: null };
    const hidden = await get(runId, "1", "screenshot-1-root.png");
    expect(hidden.status).toBe(404);
    state.actor = { kind: "user", userId: "u1", memberships: [{ teamId, role: "viewer" }], ip: null };
    const missing = await get("7d3c9a1e-0000-4000-8000-000000000000", "1", "screenshot-1-root.png");
    expect(missing.status).toBe(404);
    expect(await hidden.json()).toEqual(await missing.json());
  });

  it("refuses traversal, unrecorded files, other attempts and bad attempt numbers", async () => {
    for (const [attempt, name] of [
      ["1", "../../../secrets.json"],
      ["1", "..%2F..%2F..%2Fsecrets.json"],
      ["1", ".."],
      ["1", "unrecorded.png"],
      ["2", "screenshot-1-root.png"],
      ["01x", "screenshot-1-root.png"],
      ["-1", "screenshot-1-root.png"],
    ]) {
      expect((await get(runId, attempt!, name!)).status, `${attempt}/${name}`).toBe(404);
    }
    expect((await get("..", "1", "secrets.json")).status).toBe(404);
  });
});
