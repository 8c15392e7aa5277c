import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createProject } from "@/db/queries/projects";
import type { HttpMethod } from "@/lib/api/route-types";
import { defaultProjectSettings } from "@/lib/projects/settings";
import { type ApiFixture, createApiFixture, createGitRepository, snapshotDomain } from "@/testing/api/api-fixture";
import { type CallOptions, callApi } from "@/testing/api/call-api";

// Input no query can take is refused before any query runs, with a 400 naming the field
// and nothing changed: a path that is not valid percent-encoding (which Next.js's router
// would otherwise answer with a plain-text 500), a NUL anywhere, JSON nested past 32
// levels, a user id that is not one; and a new run's base branch must exist.

let handle: DatabaseHandle;
let f: ApiFixture;

beforeAll(async () => {
  const { createTestDatabase } = await import("@/testing/database");
  const { setDatabaseHandle } = await import("@/db");
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
  f = await createApiFixture(handle.db);
});
afterAll(() => handle?.close());

async function expectRefused(method: HttpMethod, path: string, options: CallOptions, status: number, code: string) {
  const before = await snapshotDomain(handle.db);
  const response = await callApi(method, path, { token: f.tokens.admin, ...options });
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect({ status: response.status, code: body.error?.code }).toEqual({ status, code });
  expect(await snapshotDomain(handle.db)).toBe(before);
  return body.error.message;
}

const runs = () => `/projects/${f.project.id}/runs`;

describe("malformed paths, NUL characters and deep nesting", () => {
  it.each([
    ["GET", "/runs/%C0%AF"],
    ["GET", "/runs/%ff%fe"],
    ["POST", "/projects/%E0%A4/runs"],
    ["DELETE", "/members/abc%zz"],
    ["GET", "/nope/%"],
  ] as const)("refuses bad percent-encoding: %s %s", async (method, path) => {
    const message = await expectRefused(method, path, { body: { goal: "Add a line" } }, 400, "bad_request:path");
    expect(message).toMatch(/percent-encoded/);
  });

  it.each([
    ["GET", "/runs/%00", "bad_request:id"],
    ["PATCH", "/members/a%00b", "bad_request:userId"],
    ["DELETE", "/members/a%00b", "bad_request:userId"],
    ["PUT", "/projects/{project}/secrets/A%00B", "bad_request:name"],
    ["GET", "/projects?q=%00", "bad_request:q"],
    ["GET", "/projects?q=a%00b&limit=5", "bad_request:q"],
    ["GET", "/api-keys?teamId=%00", "bad_request:teamId"],
  ] as const)("refuses a NUL in a path or query parameter: %s %s", async (method, path, code) => {
    const url = path.replace("{project}", f.project.id);
    const options = method === "GET" ? {} : { body: { role: "admin", value: "v" } };
    const message = await expectRefused(method, url, options, 400, code);
    expect(message).toMatch(/NUL/);
  });

  it("refuses a user id that is not one before any query", async () => {
    await expectRefused("DELETE", "/members/%27%3B%20drop", {}, 400, "bad_request:userId");
  });

  it.each([
    ["POST", "/api-keys", { name: "a\u0000b", scopes: ["read"] }, "bad_request:name"],
    ["POST", "runs", { goal: "Add a line", acceptanceCriteria: ["ok", "a\u0000"] }, "bad_request:acceptanceCriteria.1"],
    ["POST", "runs", { goal: "Add a line", "bad\u0000key": 1 }, "bad_request:body"],
    ["POST", "/tasks", { title: "Fix\u0000", project: "00000000-0000-4000-8000-000000000000" }, "bad_request:title"],
    ["PATCH", "project", { settings: { testCommands: ["npm test\u0000"] } }, "bad_request:settings.testCommands.0"],
  ] as const)("refuses a NUL in a body, naming the field: %s %s", async (method, path, body, code) => {
    const url = path === "runs" ? runs() : path === "project" ? `/projects/${f.project.id}` : path;
    // JSON.stringify writes the NUL as the escape \u0000, as any client would send it.
    expect(await expectRefused(method, url, { body }, 400, code)).toMatch(/NUL/);
  });

  it("refuses JSON nested more than 32 levels deep, however it is nested", async () => {
    const deep = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;
    const json = { "content-type": "application/json" };
    await expectRefused("POST", runs(), { rawBody: deep(33), headers: json }, 400, "bad_request:body");
    await expectRefused("POST", runs(), { rawBody: deep(200_000), headers: json }, 400, "bad_request:body");
    const nested = `{"goal":"Add a line","x":${'{"a":'.repeat(40)}1${"}".repeat(40)}}`;
    await expectRefused("POST", runs(), { rawBody: nested, headers: json }, 400, "bad_request:body");
    // Brackets inside strings are text, not nesting.
    await expectRefused(
      "POST",
      runs(),
      { rawBody: JSON.stringify({ goal: "[".repeat(100), color: 1 }), headers: json },
      400,
      "bad_request:color",
    );
  });
});

describe("the base branch of a new run", () => {
  it("must exist in the repository, checked before anything is created", async () => {
    const message = await expectRefused(
      "POST",
      runs(),
      { body: { goal: "Add a line", baseBranch: "no-such-branch" } },
      400,
      "bad_request:baseBranch",
    );
    expect(message).toBe(`baseBranch: There is no branch "no-such-branch" in ${f.repository}`);
  });

  it("names the project's default branch when it is the one missing, for runs and tasks", async () => {
    const project = await createProject({
      db: handle.db,
      values: {
        teamId: f.team.id,
        provider: "local",
        repository: await createGitRepository("trunkless"),
        name: "trunkless",
        defaultBranch: "trunk",
        settings: defaultProjectSettings(),
      },
    });
    expect(
      await expectRefused(
        "POST",
        `/projects/${project.id}/runs`,
        { body: { goal: "Add a line" } },
        400,
        "bad_request:baseBranch",
      ),
    ).toMatch(/no branch "trunk".*default branch/);
    expect(
      await expectRefused(
        "POST",
        "/tasks",
        { body: { title: "Fix the README", project: project.id } },
        400,
        "bad_request:project",
      ),
    ).toMatch(/no branch "trunk".*default branch/);
  });
});
