import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { ApiFixture } from "@/testing/api/api-fixture";
import type { RouteHandler } from "@/testing/webhooks/serve-route";

// The MCP server through the official TypeScript SDK's client over real HTTP: initialize,
// list the tools, call each one, read the run resources; refused without a key, and a
// read-only key refused on a write tool; every call audited. Pipeline events go to an
// Inngest-protocol intake, so starting and steering runs succeeds as it would with the engine.

vi.hoisted(() => vi.stubEnv("MERGELINE_ENCRYPTION_KEY", Buffer.alloc(32, 5).toString("base64")));

let handle: DatabaseHandle;
let f: ApiFixture;
let route: { url: string; close: () => Promise<void> };
let receiver: { url: string; events: { name: string }[]; close: () => Promise<void> };
let post: RouteHandler | undefined;
let schema: typeof import("@/db/schema");
const clients: Client[] = [];

async function connect(token?: string): Promise<Client> {
  const client = new Client({ name: "mergeline-test", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(`${route.url}/api/mcp`), {
    requestInit: token ? { headers: { authorization: `Bearer ${token}` } } : {},
  });
  await client.connect(transport);
  clients.push(client);
  return client;
}
const text = (result: unknown) => (result as { content: { type: string; text: string }[] }).content[0]!.text;

beforeAll(async () => {
  const { startEventReceiver } = await import("@/testing/webhooks/start-event-receiver");
  receiver = await startEventReceiver();
  Object.assign(process.env, {
    INNGEST_DEV: "1",
    INNGEST_BASE_URL: receiver.url,
    MERGELINE_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-mcp-")),
  });
  const { serveRoute } = await import("@/testing/webhooks/serve-route");
  route = await serveRoute(() => {
    if (!post) throw new Error("route not loaded yet");
    return post;
  });
  const { createTestDatabase } = await import("@/testing/database");
  const { setDatabaseHandle } = await import("@/db");
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
  const { createApiFixture } = await import("@/testing/api/api-fixture");
  f = await createApiFixture(handle.db);
  const { syncCodeIndex } = await import("@/lib/code-index/sync-code-index");
  await syncCodeIndex({ db: handle.db, project: f.project, embedding: null });
  schema = await import("@/db/schema");
  ({ POST: post } = await import("./route"));
}, 120_000);
afterAll(async () => {
  for (const client of clients) await client.close().catch(() => undefined);
  const { closeAnalyzePool } = await import("@/lib/code-index/analyze-pool");
  await closeAnalyzePool();
  await route?.close();
  await receiver?.close();
  await handle?.close();
});

describe("the MCP server", () => {
  it("initializes and lists its tools and run resources", async () => {
    const client = await connect(f.tokens.admin);
    expect(client.getServerVersion()).toMatchObject({ name: "mergeline" });
    expect(client.getInstructions()).toContain("search_code");
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(
      [
        "cancel_run",
        "decide_plan",
        "get_project",
        "get_run",
        "list_projects",
        "list_runs",
        "merge_run",
        "read_file",
        "search_code",
        "start_run",
      ].sort(),
    );
    expect(tools.find((tool) => tool.name === "search_code")).toMatchObject({
      annotations: { readOnlyHint: true },
      inputSchema: { type: "object", required: expect.arrayContaining(["projectId", "query"]) },
    });
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((template) => template.uriTemplate).sort()).toEqual([
      "mergeline://runs/{runId}/plan",
      "mergeline://runs/{runId}/transcript",
      "mergeline://runs/{runId}/validations",
      "mergeline://validations/{validationId}",
    ]);
  });

  it("answers every read tool from the API", async () => {
    const client = await connect(f.tokens.viewer);
    const call = async (name: string, args: Record<string, unknown>) => {
      const result = await client.callTool({ name, arguments: args });
      expect(result.isError, `${name}: ${text(result)}`).toBeFalsy();
      return text(result);
    };
    expect(JSON.parse(await call("list_projects", {})).data.map((p: { id: string }) => p.id)).toContain(f.project.id);
    expect(JSON.parse(await call("get_project", { projectId: f.project.id }))).toMatchObject({ id: f.project.id });
    expect(await call("search_code", { projectId: f.project.id, query: "fixture" })).toMatch(
      /^\d+ results from main at [0-9a-f]{40}/,
    );
    expect(await call("search_code", { projectId: f.project.id, query: "fixture" })).toContain("README.md:1-1");
    expect(await call("read_file", { projectId: f.project.id, path: "README.md" })).toContain("# fixture");
    expect(JSON.parse(await call("list_runs", { projectId: f.project.id })).data).toHaveLength(4);
    expect(JSON.parse(await call("get_run", { runId: f.runs.ready.id }))).toMatchObject({
      id: f.runs.ready.id,
      state: "ready",
    });
  });

  it("starts and steers runs with a key that may write", async () => {
    const client = await connect(f.tokens.member);
    const started = await client.callTool({
      name: "start_run",
      arguments: { projectId: f.project.id, goal: "Add removeItem to the cart" },
    });
    expect(started.isError, text(started)).toBeFalsy();
    expect(JSON.parse(text(started))).toMatchObject({ projectId: f.project.id, state: "queued", source: "api" });
    const decided = await client.callTool({
      name: "decide_plan",
      arguments: { runId: f.runs.awaiting.id, decision: "approve" },
    });
    expect(JSON.parse(text(decided))).toMatchObject({ status: "approved" });
    const merged = await client.callTool({ name: "merge_run", arguments: { runId: f.runs.ready.id } });
    expect(merged.isError, text(merged)).toBeFalsy();
    const cancelled = await client.callTool({
      name: "cancel_run",
      arguments: { runId: f.runs.queued.id, reason: "from MCP" },
    });
    expect(cancelled.isError, text(cancelled)).toBeFalsy();
    expect(receiver.events.map((event) => event.name)).toEqual(
      expect.arrayContaining(["run/requested", "run/plan.decided", "run/merge.requested", "run/cancel.requested"]),
    );
  });

  it("reads a run's plan, transcript and validations as resources", async () => {
    const client = await connect(f.tokens.viewer);
    const plan = await client.readResource({ uri: `mergeline://runs/${f.runs.awaiting.id}/plan` });
    expect(JSON.parse((plan.contents[0] as { text: string }).text)).toMatchObject({
      content: { summary: "Add a line" },
    });
    const transcript = await client.readResource({ uri: `mergeline://runs/${f.runs.ready.id}/transcript` });
    expect(JSON.parse((transcript.contents[0] as { text: string }).text)).toEqual([]);
    const validations = await client.readResource({ uri: `mergeline://runs/${f.runs.ready.id}/validations` });
    expect((validations.contents[0] as { text: string }).text).toContain("all green");
    const validation = await client.readResource({ uri: `mergeline://validations/${f.validation.id}` });
    expect((validation.contents[0] as { text: string }).text).toContain("all green");
    await expect(client.readResource({ uri: "mergeline://runs/not-a-uuid/plan" })).rejects.toThrow(/uuid/);
  });

  it("refuses a read-only key on a write tool, and another team's resources, changing nothing", async () => {
    const runsBefore = await handle.db.select().from(schema.runs);
    const viewer = await connect(f.tokens.viewer);
    const refused = await viewer.callTool({
      name: "start_run",
      arguments: { projectId: f.project.id, goal: "Not allowed" },
    });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toMatch(/^forbidden:project: This API key's scopes do not allow write access/);
    const stranger = await connect(f.tokens.otherTeam);
    const hidden = await stranger.callTool({ name: "get_run", arguments: { runId: f.runs.ready.id } });
    expect(text(hidden)).toMatch(/^not_found:run/);
    const bad = await viewer.callTool({ name: "get_run", arguments: { runId: "nope" } });
    expect(bad.isError).toBe(true);
    expect(await handle.db.select().from(schema.runs)).toEqual(runsBefore);
  });

  it("refuses a client without a key, or with an unknown one, with 401", async () => {
    await expect(connect()).rejects.toMatchObject({ code: 401 });
    await expect(connect(`ml_${"x".repeat(40)}`)).rejects.toMatchObject({ code: 401 });
    const response = await fetch(`${route.url}/api/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm="mergeline"/);
    const stream = await fetch(`${route.url}/api/mcp`, { headers: { authorization: `Bearer ${f.tokens.admin}` } });
    expect(stream.status).toBe(405);
  });

  it("refuses a key from the request after it is revoked: the lookup is not cached", async () => {
    const { createApiKey, revokeApiKey } = await import("@/lib/api-keys");
    const key = await createApiKey({
      db: handle.db,
      teamId: f.team.id,
      name: "revoked",
      scopes: ["read"],
      createdBy: null,
    });
    const client = await connect(key.secret);
    const search = () =>
      client.callTool({ name: "search_code", arguments: { projectId: f.project.id, query: "fixture" } });
    expect((await search()).isError).toBeFalsy();
    await revokeApiKey({ db: handle.db, teamId: f.team.id, id: key.apiKey.id });
    await expect(search()).rejects.toMatchObject({ code: 401 });
  });

  it("audits every call with the key, the tool and the API's answer", async () => {
    const rows = await handle.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "mcp_tool.called"));
    const calls = rows.map((row) => `${row.targetId} ${(row.data as { status: number }).status}`);
    expect(calls).toEqual(
      expect.arrayContaining(["search_code 200", "start_run 201", "start_run 403", "get_run 404", "decide_plan 200"]),
    );
    expect(rows.every((row) => row.actorType === "api_key" && row.teamId !== null)).toBe(true);
    const reads = await handle.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "mcp_resource.read"));
    expect(reads.map((row) => row.targetId)).toEqual(
      expect.arrayContaining(["run-plan", "run-transcript", "validation"]),
    );
    // The write itself is audited by the API, as for REST.
    const approved = await handle.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "plan.approved"));
    expect(approved).toHaveLength(1);
  });
});
