import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createProject } from "@/db/queries/projects";
import { defaultProjectSettings } from "@/lib/projects/settings";
import { type ApiFixture, createApiFixture } from "@/testing/api/api-fixture";
import { callJson } from "@/testing/api/call-api";

// GET /api/v1/projects answers what the dashboard's cards show: the same summaries query,
// with its search and status filter, and the keyset cursor across pages.

type Listed = {
  id: string;
  name: string;
  summary: {
    activeRunCount: number;
    attentionCount: number;
    latestRun: { state: string } | null;
    successRate: number | null;
  };
};
type Page = { data: Listed[]; nextCursor: string | null };

let handle: DatabaseHandle;
let f: ApiFixture;
beforeAll(async () => {
  const { createTestDatabase } = await import("@/testing/database");
  const { setDatabaseHandle } = await import("@/db");
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
  f = await createApiFixture(handle.db);
  await createProject({
    db: handle.db,
    values: {
      teamId: f.team.id,
      provider: "local",
      repository: "/repos/quiet-lib",
      name: "quiet-lib",
      settings: defaultProjectSettings(),
    },
  });
});
afterAll(() => handle?.close());

describe("GET /api/v1/projects", () => {
  it("gives each project its card summary", async () => {
    const { status, json } = await callJson<Page>("GET", "/projects", { token: f.tokens.viewer });
    expect(status).toBe(200);
    expect(json.data.map((project) => project.name)).toEqual(["repo", "quiet-lib"]);
    // The fixture's project has a queued, an awaiting, a ready and a cancelled run.
    expect(json.data[0]!.summary).toMatchObject({
      activeRunCount: 3,
      attentionCount: 1,
      successRate: null,
      latestRun: { state: "cancelled" },
    });
    expect(json.data[1]!.summary).toMatchObject({ activeRunCount: 0, attentionCount: 0, latestRun: null });
  });

  it("filters by text and status, pages with the cursor, and refuses a bad status", async () => {
    const names = async (query: string) =>
      (await callJson<Page>("GET", `/projects?${query}`, { token: f.tokens.viewer })).json.data.map(
        (project) => project.name,
      );
    expect(await names("q=QUIET")).toEqual(["quiet-lib"]);
    expect(await names("status=attention")).toEqual(["repo"]);
    expect(await names("status=idle")).toEqual(["quiet-lib"]);
    const first = await callJson<Page>("GET", "/projects?limit=1", { token: f.tokens.viewer });
    expect(first.json.data.map((project) => project.name)).toEqual(["repo"]);
    expect(await names(`limit=1&cursor=${first.json.nextCursor}`)).toEqual(["quiet-lib"]);
    expect((await callJson("GET", "/projects?status=everything", { token: f.tokens.viewer })).status).toBe(400);
    expect((await callJson<Page>("GET", "/projects", { token: f.tokens.otherTeam })).json.data).toEqual([]);
  });
});
