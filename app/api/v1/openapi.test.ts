import fs from "node:fs";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import type { ApiRoute } from "@/lib/api/route-types";
import { callJson } from "@/testing/api/call-api";

// The OpenAPI document is valid, and it and the route files describe the same API: every
// method of every app/api/v1/**/route.ts is documented at its file's path, and every
// documented operation is served by such a file.

const root = import.meta.dirname;
const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

// The catch-all answers the JSON 404 for paths no operation serves; it is not one itself.
const unknownPaths = path.join(root, "[[...path]]");

function routeFiles(dir = root): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (full === unknownPaths) return [];
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** `runs/[id]/cancel/route.ts` -> `/runs/{id}/cancel`. */
const pathOf = (file: string) =>
  `/${path
    .relative(root, path.dirname(file))
    .split(path.sep)
    .map((part) => part.replace(/^\[(\w+)\]$/, "{$1}"))
    .join("/")}`;

type Document = { paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>> };

async function servedOperations() {
  const operations: { key: string; file: string; route: ApiRoute }[] = [];
  for (const file of routeFiles()) {
    const module = (await import(file)) as Record<string, unknown>;
    for (const method of methods) {
      const route = module[method] as ApiRoute | undefined;
      if (route) operations.push({ key: `${method} ${pathOf(file)}`, file, route });
    }
  }
  return operations;
}

describe("the OpenAPI document", async () => {
  const { status, json } = await callJson<Document>("GET", "/openapi.json");

  it("is served without credentials and is valid OpenAPI 3.1", async () => {
    expect(status).toBe(200);
    await expect(SwaggerParser.validate(structuredClone(json) as never)).resolves.toBeTruthy();
    expect(json).toMatchObject({
      openapi: "3.1.0",
      components: { securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } } },
    });
  });

  it("documents exactly the operations the route files serve", async () => {
    const served = (await servedOperations()).map((operation) => operation.key).sort();
    const documented = Object.entries(json.paths)
      .flatMap(([route, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${route}`))
      .sort();
    expect(documented).toEqual(served);
    expect(served.length).toBeGreaterThanOrEqual(21);
  });

  it("has each handler's spec at its file's path and method", async () => {
    for (const { key, route } of await servedOperations()) expect(`${route.spec.method} ${route.spec.path}`).toBe(key);
  });

  it("starts each route file with a one-line contract per method", async () => {
    for (const { key, file } of await servedOperations()) {
      const [method, route] = key.split(" ");
      const header = fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => line.startsWith("//"));
      expect(
        header.some((line) => line.startsWith(`// ${method} /api/v1${route}`)),
        `${file} lacks "// ${key}: ..."`,
      ).toBe(true);
    }
  });

  it("answers paths no operation serves with the JSON 404, whatever the method", async () => {
    for (const [method, route] of [
      ["GET", ""],
      ["GET", "/nope"],
      ["POST", "/runs/00000000-0000-4000-8000-000000000000/unknown"],
      ["DELETE", "/projects/x/y/z"],
    ] as const) {
      const answer = await callJson<{ error: { code: string } }>(method, route);
      expect({ status: answer.status, code: answer.json.error.code }).toEqual({ status: 404, code: "not_found:route" });
    }
  });

  it("lists the error answers of each operation", () => {
    for (const [route, operations] of Object.entries(json.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const statuses = Object.keys(operation.responses);
        if (route === "/openapi.json") {
          expect(operation.security).toEqual([]);
          continue;
        }
        expect(statuses, `${method} ${route}`).toContain("401");
        if (route.includes("{")) expect(statuses, `${method} ${route}`).toContain("404");
        if (method !== "get") expect(statuses, `${method} ${route}`).toContain("429");
      }
    }
  });
});
