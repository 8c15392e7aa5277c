import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { ApiFixture } from "@/testing/api/api-fixture";
import { callJson } from "@/testing/api/call-api";

// The code routes of /api/v1: search, the index's state, files at a branch or commit.

vi.hoisted(() => {
  vi.stubEnv("MERGELINE_ENCRYPTION_KEY", Buffer.alloc(32, 7).toString("base64"));
  vi.stubEnv("MERGELINE_DATA_DIR", `${process.env.TMPDIR ?? "/tmp"}/mergeline-api-code-${process.pid}`);
});

let handle: DatabaseHandle;
let f: ApiFixture;
let commit: string;

beforeAll(async () => {
  const { createTestDatabase } = await import("@/testing/database");
  const { setDatabaseHandle } = await import("@/db");
  const { createApiFixture } = await import("@/testing/api/api-fixture");
  const { commitOnCheckout } = await import("@/testing/local-project");
  const { syncCodeIndex } = await import("@/lib/code-index/sync-code-index");
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
  f = await createApiFixture(handle.db);
  fs.mkdirSync(path.join(f.repository, "src"));
  fs.writeFileSync(path.join(f.repository, "logo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]));
  commit = await commitOnCheckout(
    f.repository,
    { "src/greeting.ts": 'export function greet(name: string) {\n  return "Hello, " + name;\n}\n' },
    "Add greeting",
  );
  const outcome = await syncCodeIndex({ db: handle.db, project: f.project, embedding: null });
  expect(outcome.index?.commitSha).toBe(commit);
});
afterAll(async () => {
  const { closeAnalyzePool } = await import("@/lib/code-index/analyze-pool");
  await closeAnalyzePool();
  await handle?.close();
});

describe("GET /projects/{id}/search", () => {
  it("ranks the project's code with file:line and the indexed commit", async () => {
    const { status, json } = await callJson<{ hits: unknown[] }>("GET", `/projects/${f.project.id}/search?q=greet`, {
      token: f.tokens.viewer,
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({
      index: { ref: "main", requestedRef: "main", commitSha: commit, state: "ready" },
      mode: "lexical",
    });
    expect(json.hits[0]).toMatchObject({
      kind: "symbol",
      path: "src/greeting.ts",
      startLine: 1,
      endLine: 3,
      symbol: { name: "greet", kind: "function", exported: true },
      snippet: { startLine: 1, lines: expect.arrayContaining(["export function greet(name: string) {"]) },
    });
  });

  it("filters by kind and refuses a bad query with a 400 naming the field", async () => {
    const files = await callJson<{ hits: { kind: string; path: string }[] }>(
      "GET",
      `/projects/${f.project.id}/search?q=greeting&kind=file`,
      { token: f.tokens.viewer },
    );
    expect(files.json.hits).toEqual([expect.objectContaining({ kind: "file", path: "src/greeting.ts" })]);
    for (const [query, field] of [
      ["", "q"],
      ["q=%20", "q"],
      ["q=x&kind=function", "kind"],
      ["q=x&limit=0", "limit"],
      ["q=x&ref=..%2Fmain", "ref"],
    ] as const) {
      const { status, json } = await callJson("GET", `/projects/${f.project.id}/search?${query}`, {
        token: f.tokens.viewer,
      });
      expect({ query, status, code: (json as { error: { code: string } }).error.code }).toEqual({
        query,
        status: 400,
        code: `bad_request:${field}`,
      });
    }
  });
});

describe("GET /projects/{id}/code-index", () => {
  it("says which commit is indexed, what it holds, and why search is lexical", async () => {
    const { status, json } = await callJson("GET", `/projects/${f.project.id}/code-index`, { token: f.tokens.viewer });
    expect(status).toBe(200);
    expect(json).toMatchObject({
      search: { mode: "lexical", reason: expect.stringContaining("MERGELINE_EMBEDDING_MODEL") },
      // The PNG is not indexed (binary formats are skipped by extension).
      defaultBranch: { ref: "main", state: "ready", commitSha: commit, fileCount: 2, symbolCount: 1 },
      branches: [],
      fileErrors: [],
    });
  });
});

describe("GET /projects/{id}/file", () => {
  const read = (query: string) =>
    callJson<Record<string, unknown>>("GET", `/projects/${f.project.id}/file?${query}`, { token: f.tokens.viewer });

  it("reads a file at the default branch, at the indexed commit, and says when it is binary", async () => {
    expect((await read("path=src/greeting.ts")).json).toMatchObject({
      path: "src/greeting.ts",
      ref: "main",
      commit,
      language: "typescript",
      binary: false,
      truncated: false,
      content: expect.stringContaining("export function greet"),
    });
    expect((await read(`path=./README.md&ref=${commit}`)).json).toMatchObject({ path: "README.md", commit });
    expect((await read("path=logo.png")).json).toMatchObject({ binary: true, content: null });
  });

  it("refuses paths outside the repository, and answers 404 for what it lacks", async () => {
    for (const [query, status, code] of [
      ["path=../etc/passwd", 400, "bad_request:path"],
      ["path=%2Fetc%2Fpasswd", 400, "bad_request:path"],
      ["path=src", 400, "bad_request:path"],
      ["path=missing.txt", 404, "not_found:file"],
      ["path=README.md&ref=no-such-branch", 404, "not_found:branch"],
      [`path=README.md&ref=${"0".repeat(40)}`, 404, "not_found:commit"],
    ] as const) {
      const { status: got, json } = await read(query);
      expect({ query, status: got, code: (json as { error: { code: string } }).error.code }).toEqual({
        query,
        status,
        code,
      });
    }
  });
});
