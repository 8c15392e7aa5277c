import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type PipelineHarness, startPipelineHarness } from "@/testing/pipeline/pipeline-harness";

// The API end to end, on the real pipeline (embedded engine, scripted model, a real git
// repository): pin, configure, start a run, approve its plan, follow its events and
// validation, merge; then a task, its cancellation and a retry. Modules that read the
// environment are imported after the harness has set it.

vi.hoisted(() => vi.stubEnv("MERGELINE_ENCRYPTION_KEY", Buffer.alloc(32, 9).toString("base64")));

let harness: PipelineHarness;
let api: typeof import("@/testing/api/call-api");
let token: string;
let repository: string;
let projectId: string;
let mergedRunId: string;

// Inngest delivers an event only to a wait already registered; give the engine a moment.
const engineCatchesUp = () => new Promise((resolve) => setTimeout(resolve, 1000));
const call = (method: Parameters<typeof api.callJson>[0], route: string, body?: unknown) =>
  // biome-ignore lint/suspicious/noExplicitAny: JSON bodies, asserted field by field
  api.callJson<Record<string, any>>(method, route, { token, body, ip: "192.0.2.44" });

beforeAll(async () => {
  harness = await startPipelineHarness();
  api = await import("@/testing/api/call-api");
  const { createTeam } = await import("@/db/queries/teams");
  const { createApiKey } = await import("@/lib/api-keys");
  const { createDemoRepository } = await import("@/lib/demo/create-demo-repository");
  const team = await createTeam({ db: harness.db, name: "API", slug: `api-${Date.now()}` });
  token = (
    await createApiKey({ db: harness.db, teamId: team.id, name: "automation", scopes: ["admin"], createdBy: null })
  ).secret;
  repository = path.join(harness.dir, "repos", "api-cart");
  await createDemoRepository(repository);
}, 60_000);
afterAll(() => harness?.close());

describe("the REST API on the real pipeline", () => {
  it("pins a local repository and configures it", async () => {
    const pinned = await call("POST", "/projects", { provider: "local", repository });
    expect(pinned).toMatchObject({
      status: 201,
      json: { provider: "local", repository, name: "api-cart", defaultBranch: "main", pinned: true },
    });
    projectId = pinned.json.id;

    // The second command passes only when the project's secret reaches the sandbox, and
    // prints it, so that the stored output shows it redacted.
    // (Its length, not its value: the settings themselves are audited.)
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion, for the sandbox's shell
    const testCommands = ["npm test", 'test "${#DEMO_TOKEN}" -eq 14 && echo "token is $DEMO_TOKEN"'];
    const patched = await call("PATCH", `/projects/${projectId}`, {
      settings: { testCommands, model: "scripted", budget: { maxAttempts: 2 } },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.settings).toMatchObject({
      testCommands,
      model: "scripted",
      budget: { maxAttempts: 2, maxDollars: 5, maxMinutes: 60 },
    });

    expect((await call("PUT", `/projects/${projectId}/secrets/DEMO_TOKEN`, { value: "tok-123-secret" })).status).toBe(
      200,
    );
    const secrets = await call("GET", `/projects/${projectId}/secrets`);
    expect(secrets.json.data).toEqual([
      { name: "DEMO_TOKEN", createdAt: expect.any(String), updatedAt: expect.any(String) },
    ]);
    expect(JSON.stringify(secrets.json)).not.toContain("tok-123-secret");
  });

  it("starts a run, takes the plan decision, and merges it", async () => {
    const started = await call("POST", `/projects/${projectId}/runs`, {
      goal: "Add removeItem to the cart",
      acceptanceCriteria: ["removeItem is tested"],
    });
    expect(started).toMatchObject({
      status: 201,
      json: { projectId, source: "api", state: "queued", goal: "Add removeItem to the cart" },
    });
    mergedRunId = started.json.id;
    const { getRunById } = await import("@/db/queries/runs");
    expect(await getRunById({ db: harness.db, id: mergedRunId })).toMatchObject({
      source: "api",
      acceptanceCriteria: ["removeItem is tested"],
    });

    await harness.waitForState(mergedRunId, ["awaiting_approval"]);
    await engineCatchesUp();
    const awaiting = await call("GET", `/runs/${mergedRunId}`);
    expect(awaiting.json).toMatchObject({ state: "awaiting_approval", plan: { status: "proposed", version: 1 } });

    const events = await call("GET", `/runs/${mergedRunId}/events?after=0`);
    const seqs = events.json.data.map((event: { seq: number }) => event.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(events.json.data.at(-1)).toMatchObject({ type: "state.changed", toState: "awaiting_approval" });
    expect((await call("GET", `/runs/${mergedRunId}/events?after=${seqs.at(-1)}`)).json.data).toEqual([]);

    const approved = await call("POST", `/runs/${mergedRunId}/plan`, { decision: "approve" });
    expect(approved).toMatchObject({ status: 200, json: { status: "approved", version: 2 } });

    await harness.waitForState(mergedRunId, ["ready"]);
    await engineCatchesUp();
    const validations = await call("GET", `/runs/${mergedRunId}/validations`);
    expect(validations.json.data).toMatchObject([{ attempt: 1, status: "passed" }]);
    const validationId = validations.json.data[0].id;
    const { getValidationsByRunId } = await import("@/db/queries/validations");
    const [stored] = await getValidationsByRunId({ db: harness.db, runId: mergedRunId });
    expect(stored!.tests.at(-1)!.output).toContain("token is [redacted]");
    expect(JSON.stringify(stored)).not.toContain("tok-123-secret");
    expect((await call("GET", `/validations/${validationId}`)).json).toMatchObject({
      id: validationId,
      runId: mergedRunId,
      status: "passed",
    });
    expect(await call("POST", `/validations/${validationId}/retry`)).toMatchObject({
      status: 409,
      json: { error: { code: "conflict:not_supported" } },
    });

    expect(await call("POST", `/runs/${mergedRunId}/merge`)).toMatchObject({ status: 202, json: { id: mergedRunId } });
    const merged = await harness.waitForState(mergedRunId, ["merged", "failed", "needs_human"]);
    expect(merged.state).toBe("merged");

    const details = await call("GET", `/runs/${mergedRunId}`);
    expect(details.json).toMatchObject({
      state: "merged",
      attempt: 1,
      pullRequest: { number: 1, state: "merged" },
      validations: [{ status: "passed" }],
    });
    expect(details.json.budgetUsed.totalTokens).toBeGreaterThan(0);
    expect(details.json.budgetUsed.minutes).toBeGreaterThanOrEqual(0);
  });

  it("turns a task into a run, cancels it and retries it", async () => {
    const task = await call("POST", "/tasks", {
      title: "Add setQuantity to the cart",
      description: "Change the quantity of an item",
      priority: "high",
      project: projectId,
    });
    expect(task).toMatchObject({
      status: 201,
      json: {
        source: "task",
        priority: 1,
        goal: "Add setQuantity to the cart",
        requirements: "Change the quantity of an item",
      },
    });
    await harness.waitForState(task.json.id, ["awaiting_approval"]);
    await engineCatchesUp();
    expect(await call("POST", `/runs/${task.json.id}/cancel`, { reason: "not now" })).toMatchObject({ status: 202 });
    await harness.waitForState(task.json.id, ["cancelled"], 20_000);

    const retry = await call("POST", `/runs/${task.json.id}/retry`);
    expect(retry).toMatchObject({
      status: 201,
      json: {
        source: "task",
        goal: "Add setQuantity to the cart",
        requirements: "Change the quantity of an item",
        priority: 1,
      },
    });
    expect(retry.json.id).not.toBe(task.json.id);
    await harness.waitForState(retry.json.id, ["awaiting_approval"]);
    await engineCatchesUp();
    expect((await call("POST", `/runs/${retry.json.id}/cancel`)).status).toBe(202);
    await harness.waitForState(retry.json.id, ["cancelled"], 20_000);
  });

  it("pages through the project's runs, newest first", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=1&cursor=${cursor}` : "?limit=1";
      const page = await call("GET", `/projects/${projectId}/runs${query}`);
      seen.push(...page.json.data.map((run: { id: string }) => run.id));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(3);
    expect(seen.at(-1)).toBe(mergedRunId);
  });

  it("audited every change, as the key, from its address, without the secret", async () => {
    const { auditLog } = await import("@/db/schema");
    const entries = await harness.db.select().from(auditLog).where(eq(auditLog.ipAddress, "192.0.2.44"));
    expect(entries.map((entry) => entry.action).sort()).toEqual(
      [
        "project.pinned",
        "project.settings.updated",
        "project_secret.created",
        "run.cancel_requested",
        "run.cancel_requested",
        "run.merge_requested",
        "plan.approved",
      ].sort(),
    );
    expect(entries.every((entry) => entry.actorType === "api_key")).toBe(true);
    expect(JSON.stringify(entries)).not.toContain("tok-123-secret");
  });

  it("unpins and pins again", async () => {
    expect(await call("DELETE", `/projects/${projectId}`)).toMatchObject({ status: 200, json: { pinned: false } });
    expect((await call("GET", "/projects")).json.data.map((project: { id: string }) => project.id)).not.toContain(
      projectId,
    );
    expect(await call("POST", `/projects/${projectId}/runs`, { goal: "Anything at all" })).toMatchObject({
      status: 409,
      json: { error: { code: "conflict:project_unpinned" } },
    });
    expect(await call("POST", "/projects", { provider: "local", repository })).toMatchObject({
      status: 201,
      json: { id: projectId, pinned: true, settings: { model: "scripted" } },
    });
  });
});
