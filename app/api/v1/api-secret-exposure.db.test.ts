import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { HttpMethod } from "@/lib/api/route-types";
import type { ApiFixture } from "@/testing/api/api-fixture";
import { rowsOf } from "@/db/queries/rows-of";

// A project secret's plaintext, once saved, must appear nowhere: not in any column of any
// table, not in any log line (every level on), not in any API response or header, even
// when the request carrying it is refused. (e2e/secrets.spec.ts covers the pages.)

const captured = vi.hoisted(() => {
  vi.stubEnv("MERGELINE_ENCRYPTION_KEY", Buffer.alloc(32, 5).toString("base64"));
  vi.stubEnv("LOG_LEVEL", "trace");
  return { lines: [] as string[] };
});
vi.mock("@/lib/platform/logger", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/platform/logger")>();
  return { ...actual, logger: actual.createLogger({ write: (line: string) => void captured.lines.push(line) }) };
});

const plaintext = `pl41n-${crypto.randomUUID()}`;
let handle: DatabaseHandle;
let f: ApiFixture;
let server: Server;
let base: string;
const responses: string[] = [];

/** The API behind a real HTTP server wrapped like the product's (request log lines included). */
async function serveApi(): Promise<void> {
  const { callApi } = await import("@/testing/api/call-api");
  const { instrumentHandler } = await import("@/lib/platform/http/instrument-handler");
  const { logger } = await import("@/lib/platform/logger");
  server = createServer(
    instrumentHandler(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
      );
      const response = await callApi(req.method as HttpMethod, req.url!.slice("/api/v1".length), {
        headers,
        rawBody: chunks.length ? Buffer.concat(chunks).toString() : undefined,
      });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(await response.text());
    }, logger),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
}

beforeAll(async () => {
  const { createTestDatabase } = await import("@/testing/database");
  const { setDatabaseHandle } = await import("@/db");
  const { createApiFixture } = await import("@/testing/api/api-fixture");
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
  f = await createApiFixture(handle.db);
  await serveApi();
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await handle?.close();
});

async function call(method: HttpMethod, path: string, body?: unknown, token = f.tokens.admin): Promise<number> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  responses.push(`${response.status} ${JSON.stringify([...response.headers])} ${await response.text()}`);
  return response.status;
}

/** Rows of a raw query: PGlite answers { rows }, postgres.js an array. */

/** Every row of every table of the app's schema, as text. */
async function everyRow(): Promise<string> {
  const tables = rowsOf<{ table_name: string }>(
    await handle.db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    ),
  );
  const names = tables.map((row) => row.table_name);
  expect(names).toContain("project_secrets");
  const dumps = await Promise.all(
    names.map(async (name) =>
      rowsOf<{ row: string }>(await handle.db.execute(sql`select t::text as row from ${sql.identifier(name)} t`))
        .map((row) => row.row)
        .join("\n"),
    ),
  );
  return dumps.join("\n");
}

describe("a project secret's plaintext", () => {
  it("is used where it is needed", async () => {
    const project = f.project.id;
    expect(await call("PUT", `/projects/${project}/secrets/DEPLOY_TOKEN`, { value: plaintext })).toBe(200);
    expect(await call("PUT", `/projects/${project}/secrets/DEPLOY_TOKEN`, { value: `${plaintext}-v2` })).toBe(200);
    // Refused requests that carry it: a stray field, a bad name, a viewer, another team.
    expect(await call("PUT", `/projects/${project}/secrets/DEPLOY_TOKEN`, { value: plaintext, note: plaintext })).toBe(
      400,
    );
    expect(await call("PUT", `/projects/${project}/secrets/not%20a%20name`, { value: plaintext })).toBe(400);
    expect(await call("PUT", `/projects/${project}/secrets/OTHER`, { value: plaintext }, f.tokens.viewer)).toBe(403);
    expect(await call("PUT", `/projects/${project}/secrets/OTHER`, { value: plaintext }, f.tokens.otherTeam)).toBe(404);
    expect(await call("GET", `/projects/${project}/secrets`)).toBe(200);
    expect(await call("GET", `/projects/${project}`)).toBe(200);
    expect(await call("GET", "/projects")).toBe(200);

    const { getProjectSecretValues } = await import("@/lib/secrets");
    expect(await getProjectSecretValues({ db: handle.db, projectId: project })).toEqual({
      DEPLOY_TOKEN: `${plaintext}-v2`,
    });
  });

  it("appears in no table, no log line and no API response", async () => {
    // One request line each, at least.
    expect(captured.lines.length).toBeGreaterThanOrEqual(9);
    expect(responses).toHaveLength(9);
    expect(captured.lines.filter((line) => line.includes(plaintext))).toEqual([]);
    expect(responses.filter((response) => response.includes(plaintext))).toEqual([]);
    expect((await everyRow()).includes(plaintext)).toBe(false);
  });
});
