import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { HttpMethod } from "@/lib/api/route-types";
import { ADMIN_API_KEY_NAME } from "@/lib/api-keys";
import { type ApiFixture, createApiFixture, snapshotDomain } from "@/testing/api/api-fixture";
import { callApi, type CallOptions } from "@/testing/api/call-api";

// Malformed input gets a 400 naming the field (`bad_request:<field path>`) and changes nothing.

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
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(await snapshotDomain(handle.db)).toBe(before);
  return body.error.message;
}

const runs = () => `/projects/${f.project.id}/runs`;

describe("bodies", () => {
  it.each([
    [{ goal: "x" }, "bad_request:goal"],
    [{}, "bad_request:goal"],
    [{ goal: "Add a line", autoConfirm: "yes" }, "bad_request:autoConfirm"],
    [{ goal: "Add a line", baseBranch: "-rf" }, "bad_request:baseBranch"],
    [{ goal: "Add a line", acceptanceCriteria: ["ok", ""] }, "bad_request:acceptanceCriteria.1"],
    [{ goal: "Add a line", color: "red" }, "bad_request:color"],
    [{ goal: "Add a line", agent: { backend: "cursor" } }, "bad_request:agent.backend"],
    [{ goal: "Add a line", agent: { backend: "codex", baseUrl: "file:///etc" } }, "bad_request:agent.baseUrl"],
    [{ goal: "Add a line", agent: { backend: "codex", model: "gpt 5; rm" } }, "bad_request:agent.model"],
    [{ goal: "Add a line", attempts: 5 }, "bad_request:attempts"],
    [{ goal: "Add a line", agents: [] }, "bad_request:agents"],
    [{ goal: "Add a line", agents: [{ backend: "codex" }], attempts: 2 }, "bad_request:attempts"],
    [{ goal: "Add a line", agent: { backend: "codex" }, agents: [{ backend: "codex" }] }, "bad_request:agents"],
    [{ goal: "Add a line", agent: { backend: "codex", apiKeySecret: "NO_SUCH_SECRET" } }, "bad_request:agents"],
  ])("POST /projects/{id}/runs %j: %s", async (body, code) => {
    await expectRefused("POST", runs(), { body }, 400, code);
  });

  it("names the whole body when it is missing, not JSON, or not declared as JSON", async () => {
    await expectRefused("POST", runs(), {}, 400, "bad_request:body");
    await expectRefused(
      "POST",
      runs(),
      { rawBody: "{goal:", headers: { "content-type": "application/json" } },
      400,
      "bad_request:body",
    );
    await expectRefused(
      "POST",
      runs(),
      { rawBody: JSON.stringify({ goal: "Add a line" }), headers: { "content-type": "text/plain" } },
      400,
      "bad_request:content_type",
    );
  });

  it("refuses a body over 1 MiB with 413", async () => {
    await expectRefused("POST", runs(), { body: { goal: "a".repeat(1024 * 1024) } }, 413, "payload_too_large:body");
  });

  it.each([
    [{ settings: { budget: { maxAttempts: 0 } } }, "bad_request:settings.budget.maxAttempts"],
    [{ settings: { testCommands: [""] } }, "bad_request:settings.testCommands.0"],
    [{ settings: { autoMerge: "always" } }, "bad_request:settings.autoMerge"],
    [{ settings: { bogus: 1 } }, "bad_request:settings.bogus"],
    [{ testCommands: ["npm test"] }, "bad_request:settings"],
    [{ settings: { agent: { backend: "aider" } } }, "bad_request:settings.agent.backend"],
    [
      { settings: { mcpServers: [{ name: "Bad Name", url: "http://127.0.0.1:1/mcp" }] } },
      "bad_request:settings.mcpServers.0.name",
    ],
    [
      { settings: { mcpServers: [{ name: "both", url: "http://127.0.0.1:1/mcp", command: "x" }] } },
      "bad_request:settings.mcpServers.0",
    ],
    // stdio MCP servers only where the server allows them (MERGELINE_ALLOW_STDIO_MCP, off here)
    [
      { settings: { mcpServers: [{ name: "local", command: "node", args: ["mcp.js"] }] } },
      "bad_request:settings.mcpServers",
    ],
    [{ settings: { useRepositoryConfig: "yes" } }, "bad_request:settings.useRepositoryConfig"],
  ])("PATCH /projects/{id} %j: %s", async (body, code) => {
    await expectRefused("PATCH", `/projects/${f.project.id}`, { body }, 400, code);
  });

  it.each([
    [{ provider: "svn", repository: "x" }, 400, "bad_request:provider"],
    [{ provider: "local", repository: "relative/path" }, 400, "bad_request:repository"],
    [{ provider: "local", repository: "/nonexistent/mergeline-repo" }, 400, "bad_request:repository"],
    [{ provider: "local", repository: "/" }, 400, "bad_request:repository"],
    [{ provider: "github", repository: "not a repo" }, 400, "bad_request:repository"],
    // No installation of the team reaches it.
    [{ provider: "github", repository: "octo/hello" }, 400, "bad_request:repository"],
    [{ provider: "local", repository: "/tmp", teamId: "nope" }, 400, "bad_request:teamId"],
  ])("POST /projects %j: %s %s", async (body, status, code) => {
    await expectRefused("POST", "/projects", { body }, status, code);
  });

  it("refuses to pin a repository twice", async () => {
    await expectRefused(
      "POST",
      "/projects",
      { body: { provider: "local", repository: f.repository } },
      409,
      "conflict:project_exists",
    );
  });

  it.each([
    [{ decision: "maybe" }, "bad_request:decision"],
    [
      { decision: "approve", plan: { summary: "", steps: [], files: [], acceptanceChecks: [] } },
      "bad_request:plan.summary",
    ],
    [{ decision: "reject", reason: 42 }, "bad_request:reason"],
  ])("POST /runs/{id}/plan %j: %s", async (body, code) => {
    await expectRefused("POST", `/runs/${f.runs.awaiting.id}/plan`, { body }, 400, code);
  });

  it("refuses a reject that carries an edited plan", async () => {
    const plan = { summary: "s", steps: [{ title: "t" }], files: [], acceptanceChecks: [{ description: "d" }] };
    await expectRefused(
      "POST",
      `/runs/${f.runs.awaiting.id}/plan`,
      { body: { decision: "reject", plan } },
      400,
      "bad_request:plan",
    );
  });

  it.each([
    [{ title: "t", project: "x" }, "bad_request:title"],
    [{ title: "Fix the README", project: "not-a-uuid" }, "bad_request:project"],
    [
      { title: "Fix the README", project: "00000000-0000-4000-8000-000000000000", priority: "asap" },
      "bad_request:priority",
    ],
  ])("POST /tasks %j: %s", async (body, code) => {
    await expectRefused("POST", "/tasks", { body }, 400, code);
  });

  it.each([
    [{ scopes: ["read"] }, "bad_request:name"],
    [{ name: " ", scopes: ["read"] }, "bad_request:name"],
    [{ name: "ci", scopes: [] }, "bad_request:scopes"],
    [{ name: "ci", scopes: ["everything"] }, "bad_request:scopes.0"],
    [{ name: "ci", scopes: ["read"], expiresAt: "tomorrow" }, "bad_request:expiresAt"],
    [{ name: "ci", scopes: ["read"], expiresAt: "2000-01-01T00:00:00Z" }, "bad_request:expiresAt"],
    [{ name: "ci", scopes: ["read"], secret: "mine" }, "bad_request:secret"],
    [{ name: ADMIN_API_KEY_NAME, scopes: ["admin"] }, "bad_request:name"],
  ])("POST /api-keys %j: %s", async (body, code) => {
    await expectRefused("POST", "/api-keys", { body }, 400, code);
  });

  it("names the secret's name and value", async () => {
    await expectRefused(
      "PUT",
      `/projects/${f.project.id}/secrets/lower_case`,
      { body: { value: "v" } },
      400,
      "bad_request:name",
    );
    await expectRefused(
      "PUT",
      `/projects/${f.project.id}/secrets/TOKEN`,
      { body: { value: 7 } },
      400,
      "bad_request:value",
    );
  });
});

describe("params and queries", () => {
  it.each([
    ["GET", "/runs/not-a-uuid", "bad_request:id"],
    ["GET", "/projects?limit=0", "bad_request:limit"],
    ["GET", "/projects?limit=101", "bad_request:limit"],
    ["GET", "/projects?cursor=garbage", "bad_request:cursor"],
    ["GET", "/projects?teamId=1", "bad_request:teamId"],
    ["POST", "/validations/123/retry", "bad_request:id"],
    ["DELETE", "/api-keys/123", "bad_request:id"],
    ["GET", "/api-keys?teamId=1", "bad_request:teamId"],
  ] as const)("%s %s: %s", async (method, path, code) => {
    await expectRefused(method, path, {}, 400, code);
  });

  it("checks the events query", async () => {
    await expectRefused("GET", `/runs/${f.runs.ready.id}/events?after=-1`, {}, 400, "bad_request:after");
    await expectRefused("GET", `/runs/${f.runs.ready.id}/events?limit=abc`, {}, 400, "bad_request:limit");
  });
});

describe("messages written for people", () => {
  // {project} stands for the fixture project's id.
  it.each([
    ["POST", "/projects/{project}/runs", {}, "goal: Required"],
    [
      "POST",
      "/projects/{project}/runs",
      { goal: "Add a line", autoConfirm: "yes" },
      "autoConfirm: Must be true or false",
    ],
    ["POST", "/projects/{project}/runs", { goal: "Add a line", color: "red" }, "color: Unknown field"],
    [
      "PATCH",
      "/projects/{project}",
      { settings: { budget: { maxAttempts: 0 } } },
      "settings.budget.maxAttempts: Must be at least 1",
    ],
    [
      "PATCH",
      "/projects/{project}",
      { settings: { autoMerge: "always" } },
      "settings.autoMerge: Must be one of: manual, auto-when-green, auto-when-all-checks-pass",
    ],
    ["POST", "/tasks", { title: "Fix the README", project: "x" }, "project: Must be a UUID"],
    ["POST", "/projects", { provider: "svn", repository: "x" }, "provider: Must be one of: local, github"],
  ] as const)("%s %s %j: %s", async (method, path, body, message) => {
    const code = `bad_request:${message.split(":")[0]}`;
    const url = path.replace("{project}", f.project.id);
    expect(await expectRefused(method, url, { body }, 400, code)).toBe(message);
  });

  it("never shows zod's own wording", async () => {
    const message = await expectRefused("GET", "/projects?limit=0", {}, 400, "bad_request:limit");
    expect(message).toBe("limit: Must be at least 1");
    expect(await expectRefused("GET", "/runs/not-a-uuid", {}, 400, "bad_request:id")).toBe("id: Must be a UUID");
  });
});

describe("state conflicts", () => {
  it("answers 409 with the reason and changes nothing", async () => {
    expect(await expectRefused("POST", `/runs/${f.runs.cancelled.id}/cancel`, {}, 409, "conflict:run_state")).toMatch(
      /already ended/,
    );
    expect(await expectRefused("POST", `/runs/${f.runs.queued.id}/merge`, {}, 409, "conflict:run_state")).toMatch(
      /ready/,
    );
    expect(await expectRefused("POST", `/runs/${f.runs.queued.id}/retry`, {}, 409, "conflict:run_state")).toMatch(
      /cancel it first/,
    );
    expect(
      await expectRefused(
        "POST",
        `/runs/${f.runs.ready.id}/plan`,
        { body: { decision: "approve" } },
        409,
        "conflict:run_state",
      ),
    ).toMatch(/awaits approval/);
    expect(
      await expectRefused("POST", `/validations/${f.validation.id}/retry`, {}, 409, "conflict:not_supported"),
    ).toMatch(/runs\/.+\/retry/);
  });
});
