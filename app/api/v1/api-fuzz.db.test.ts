import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { HttpMethod } from "@/lib/api/route-types";
import { type ApiFixture, createApiFixture } from "@/testing/api/api-fixture";
import { callApi, callJson } from "@/testing/api/call-api";
import { checksumTables } from "@/testing/api/checksum-tables";
import type { Baseline, FuzzCase, OpenApiOperation } from "@/testing/api/fuzz/fuzz-case";
import { malformedRequestKinds } from "@/testing/api/fuzz/malformed-request-kinds";
import { apiRoutes } from "./routes";

// Property-based fuzz of every operation of /api/v1/openapi.json: malformed requests of
// every kind the document allows (testing/api/fuzz/) get no 5xx, the
// JSON error shape on every 4xx, the status and error code the kind calls for, and change
// no row of any table. Fixed seeds and a fixed number of runs per kind keep it repeatable
// and bounded; a failure prints the request that broke it (fast-check shrinks it first).

// Every malformed write still counts against the write rate limit: lift it out of the way.
vi.hoisted(() => {
  vi.stubEnv("RATE_LIMIT_WRITE_MAX", "1000000");
  // Reading a file fetches the repository into a mirror: in a data dir of the test's own.
  vi.stubEnv("MERGELINE_DATA_DIR", `${process.env.TMPDIR ?? "/tmp"}/mergeline-api-fuzz-${process.pid}`);
});

const RUNS_PER_KIND = 3;
const SEED = 20_261_207;

let handle: DatabaseHandle;
let f: ApiFixture;
let sent = 0;
let studioSessionId: string;

beforeAll(async () => {
  const { createTestDatabase } = await import("@/testing/database");
  const { setDatabaseHandle } = await import("@/db");
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
  f = await createApiFixture(handle.db);
  // An ended session: a request the fuzz breaks in one thing never reaches a live one's processes.
  const { insertStudioSession } = await import("@/db/queries/studio");
  studioSessionId = (
    await insertStudioSession({ db: handle.db, projectId: f.project.id, values: { status: "stopped" } })
  ).id;
});
afterAll(async () => {
  // The count and the time are what the fuzz is judged by; the report shows both.
  process.stdout.write(`api fuzz: ${sent} malformed requests\n`);
  await handle?.close();
});

type Document = { paths: Record<string, Record<string, Omit<OpenApiOperation, "method" | "path">>> };
const { json: document } = await callJson<Document>("GET", "/openapi.json");
const operations: OpenApiOperation[] = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({
    ...operation,
    parameters: operation.parameters ?? [],
    method: method.toUpperCase() as HttpMethod,
    path,
  })),
);

/** A valid value of each path parameter: a resource of the fixture's team. */
function validPathValue(path: string, name: string): string {
  if (name === "userId") return f.people.member.id;
  if (name === "name") return "FUZZ_TOKEN";
  if (name === "index") return "1"; // a best-of-N candidate's number
  const resources: Record<string, string> = {
    "api-keys": f.spareApiKey.id,
    invitations: f.invitation.id,
    projects: f.project.id,
    runs: f.runs.awaiting.id,
    "studio-sessions": studioSessionId,
    validations: f.validation.id,
    "notification-destinations": f.notificationDestination.id,
    "notification-deliveries": f.notificationDelivery.id,
  };
  const id = resources[path.split("/")[1]!];
  if (!id) throw new Error(`no valid value for {${name}} of ${path}: add one to validPathValue`);
  return id;
}

/** A valid body of each operation that takes one: what the fuzz breaks, one thing at a time. */
const validBodies = (): Record<string, Record<string, unknown>> => ({
  "POST /api-keys": { name: "fuzz", scopes: ["read"] },
  "POST /invitations": { email: "fuzz@example.test", role: "member" },
  "PATCH /members/{userId}": { role: "viewer" },
  "POST /projects": { provider: "local", repository: f.repository },
  "PATCH /projects/{id}": { settings: { budget: { maxAttempts: 2 } } },
  "POST /projects/{id}/runs": { goal: "Add a line to the README" },
  "PUT /projects/{id}/secrets/{name}": { value: "fuzz-value" },
  "POST /runs/{id}/cancel": { reason: "fuzz" },
  "POST /runs/{id}/retry": { strategy: "different_approach" },
  "POST /projects/{id}/reviews": { pullRequest: 1 },
  "POST /runs/{id}/plan": { decision: "approve" },
  "POST /projects/{id}/code-index": { full: false },
  "POST /tasks": { title: "Fix the README", project: f.project.id },
  "POST /notification-destinations": {
    kind: "webhook",
    name: "fuzz",
    url: "https://93.184.215.14/hook",
    events: ["run.failed"],
  },
  "PATCH /notification-destinations/{id}": { name: "renamed by the fuzz" },
  "POST /studio-sessions": { projectId: f.project.id },
  "POST /studio-sessions/{id}/messages": { text: "Make the title bigger" },
  "POST /studio-sessions/{id}/execute": {
    command: "write_file",
    filePath: "README.md",
    content: "# fuzz\n",
    description: "fuzz",
  },
  "POST /studio-sessions/{id}/rollback": { commitHash: "abcdef1" },
  "POST /studio-sessions/{id}/finalize": { title: "Fuzz" },
  "POST /projects/{id}/preview-share-links": { label: `studio-${studioSessionId}` },
});

/** Values of the required query parameters, so that a case breaks the one it means to. */
const validQueries: Record<string, [string, string][]> = {
  "GET /projects/{id}/search": [["q", "fixture"]],
  "GET /projects/{id}/file": [["path", "README.md"]],
};

function baselineOf(operation: OpenApiOperation): Baseline {
  const path = Object.fromEntries(
    operation.parameters
      .filter((parameter) => parameter.in === "path")
      .map((parameter) => [parameter.name, validPathValue(operation.path, parameter.name)]),
  );
  const key = `${operation.method} ${operation.path}`;
  return { path, query: validQueries[key], body: validBodies()[key] };
}

async function send(operation: OpenApiOperation, baseline: Baseline, { request }: FuzzCase): Promise<Response> {
  const values = { ...baseline.path, ...request.path };
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name]!) + (request.pathSuffix ?? "");
  const replaced = new Set(request.query.map(([name]) => name));
  const query = [...(baseline.query ?? []).filter(([name]) => !replaced.has(name)), ...request.query]
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
  const token = request.auth === "admin" ? f.tokens.admin : request.auth === "viewer" ? f.tokens.viewer : undefined;
  const headers: Record<string, string> =
    typeof request.auth === "object" ? { authorization: request.auth.header } : {};
  const body = request.body ?? (baseline.body ? { json: baseline.body } : undefined);
  sent++;
  if (body && "text" in body) {
    if (body.contentType) headers["content-type"] = body.contentType;
    return callApi(operation.method, `${path}${query ? `?${query}` : ""}`, { token, headers, rawBody: body.text });
  }
  return callApi(operation.method, `${path}${query ? `?${query}` : ""}`, { token, headers, body: body?.json });
}

describe("the fuzz's own premises", () => {
  it("has a valid baseline for every operation: each body passes the route's own schema", () => {
    const bodies = validBodies();
    for (const operation of operations) {
      const key = `${operation.method} ${operation.path}`;
      expect(baselineOf(operation).path).toBeDefined();
      for (const parameter of operation.parameters.filter(
        (candidate) => candidate.in === "query" && candidate.required,
      ))
        expect(
          baselineOf(operation).query?.some(([name]) => name === parameter.name),
          `add a valid ${parameter.name} for ${key} to validQueries`,
        ).toBe(true);
      const route = apiRoutes.find((candidate) => `${candidate.spec.method} ${candidate.spec.path}` === key);
      if (!operation.requestBody) continue;
      expect(bodies[key], `add a valid body for ${key} to validBodies`).toBeDefined();
      expect(route?.spec.body?.safeParse(bodies[key]).success, key).toBe(true);
    }
    expect(operations.length).toBeGreaterThanOrEqual(30);
  });
});

describe.each(operations.map((operation) => [`${operation.method} ${operation.path}`, operation] as const))(
  "%s",
  (_key, operation) => {
    it("answers every kind of malformed request with a 4xx in the JSON error shape and changes nothing", async () => {
      const baseline = baselineOf(operation);
      const kinds = malformedRequestKinds(operation, baseline);
      for (const [index, { kind, cases }] of kinds.entries()) {
        const property = fc.asyncProperty(cases, async (fuzzCase) => {
          const before = await checksumTables(handle.db);
          const response = await send(operation, baseline, fuzzCase);
          const text = await response.text();
          const context = `${kind}: ${response.status} ${text.slice(0, 300)}`;
          expect(response.status, context).toBeLessThan(500);
          if (response.status >= 400) {
            expect(response.headers.get("content-type"), context).toMatch(/^application\/json/);
            const { error } = JSON.parse(text) as { error: { code: unknown; message: unknown } };
            expect(error.code, context).toMatch(/^[a-z_]+:./);
            expect(typeof error.message === "string" && error.message.length > 0, context).toBe(true);
          }
          if (fuzzCase.expected !== "any") {
            const code = response.status >= 400 ? (JSON.parse(text) as { error: { code: string } }).error.code : null;
            expect(response.status, context).toBe(fuzzCase.expected.status);
            expect(code, context).toMatch(fuzzCase.expected.code);
          }
          expect(await checksumTables(handle.db), `${kind} changed a table`).toEqual(before);
        });
        await fc.assert(property, { seed: SEED + index, numRuns: RUNS_PER_KIND });
      }
    });
  },
);
