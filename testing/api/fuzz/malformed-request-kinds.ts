import fc from "fast-check";
import type { HttpMethod } from "@/lib/api/route-types";
import { bodyKinds } from "./body-kinds";
import type { Baseline, Expected, MalformedKind, OpenApiOperation } from "./fuzz-case";
import { malformedValues } from "./malformed-values";

// Malformed requests for one operation of the OpenAPI document, each derived from the
// document (parameters, body schema, security) and a valid request of the operation (the
// baseline), and each with the answer it must get. Every kind changes exactly one thing of
// the baseline, so the request is certainly refused and the field at fault is known; the
// few kinds that may be served (unknown query parameters, a read-only key reading) say so.

const writeMethods = new Set<HttpMethod>(["POST", "PUT", "PATCH", "DELETE"]);
const { refused, text, encodedWithNul, badlyEncoded, refusedBy } = malformedValues;

function pathKinds(operation: OpenApiOperation): MalformedKind[] {
  const kinds: MalformedKind[] = [
    {
      kind: "the path ends in bad percent-encoding",
      cases: badlyEncoded.map((suffix) => ({
        request: { path: {}, pathSuffix: suffix, query: [], auth: "admin" },
        expected: refused(400, "bad_request:path"),
      })),
    },
  ];
  for (const parameter of operation.parameters.filter((candidate) => candidate.in === "path")) {
    const at = (value: fc.Arbitrary<string>, expected: Expected, kind: string): MalformedKind => ({
      kind: `path {${parameter.name}}: ${kind}`,
      cases: value.map((raw) => ({ request: { path: { [parameter.name]: raw }, query: [], auth: "admin" }, expected })),
    });
    kinds.push(at(badlyEncoded, refused(400, "bad_request:path"), "bad percent-encoding"));
    kinds.push(at(encodedWithNul, refused(400, `bad_request:${parameter.name}`), "a NUL"));
    const wrong = refusedBy(parameter.schema);
    if (wrong)
      kinds.push(
        at(wrong.map(encodeURIComponent), refused(400, `bad_request:${parameter.name}`), "a value it refuses"),
      );
  }
  return kinds;
}

function queryKinds(operation: OpenApiOperation): MalformedKind[] {
  const parameters = operation.parameters.filter((candidate) => candidate.in === "query");
  const kinds: MalformedKind[] = [];
  for (const parameter of parameters) {
    const at = (value: fc.Arbitrary<string>, kind: string): MalformedKind => ({
      kind: `query ${parameter.name}: ${kind}`,
      cases: value.map((raw) => ({
        request: { path: {}, query: [[parameter.name, raw]], auth: "admin" },
        expected: refused(400, `bad_request:${parameter.name}`),
      })),
    });
    kinds.push(at(encodedWithNul, "a NUL"));
    const wrong = refusedBy(parameter.schema);
    if (wrong) kinds.push(at(wrong.map(encodeURIComponent), "a value it refuses"));
  }
  // Unknown parameters are ignored; reading with them changes nothing either way.
  if (operation.method === "GET") {
    const known = new Set(parameters.map((parameter) => parameter.name));
    const name = fc.string({ unit: "binary", minLength: 1, maxLength: 12 }).filter((value) => !known.has(value));
    kinds.push({
      kind: "query: unknown parameters",
      cases: fc.array(fc.tuple(name, text), { minLength: 1, maxLength: 4 }).map((pairs) => ({
        request: {
          path: {},
          query: pairs.map(([key, value]): [string, string] => [encodeURIComponent(key), encodeURIComponent(value)]),
          auth: "admin",
        },
        expected: "any",
      })),
    });
  }
  return kinds;
}

function authKinds(operation: OpenApiOperation): MalformedKind[] {
  if (operation.security?.length === 0) return [];
  const header = fc.oneof(
    fc.constantFrom("Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "bearer", "Token ml_x"),
    fc.string({ unit: "grapheme-ascii", maxLength: 80 }),
    fc
      .string({ unit: "grapheme-ascii", minLength: 24, maxLength: 80 })
      .map((key) => `Bearer ${key.replace(/\s/g, "x")}`),
  );
  return [
    {
      kind: "auth: none",
      cases: fc.constant({
        request: { path: {}, query: [], auth: "none" },
        expected: refused(401, "unauthorized:credentials"),
      }),
    },
    {
      kind: "auth: a malformed header or an unknown key",
      cases: header.map((value) => ({
        request: { path: {}, query: [], auth: { header: value } },
        expected: { status: 401, code: /^unauthorized:/ },
      })),
    },
    {
      kind: "auth: a read-only key",
      cases: fc.constant({
        request: { path: {}, query: [], auth: "viewer" },
        // Reading with a read-only key is what it is for (admin-only reads answer 403).
        expected: writeMethods.has(operation.method) ? { status: 403, code: /^forbidden:/ } : "any",
      }),
    },
  ];
}

/** Every kind of malformed request for `operation`, made from its baseline. */
export function malformedRequestKinds(operation: OpenApiOperation, baseline: Baseline): MalformedKind[] {
  return [
    ...pathKinds(operation),
    ...queryKinds(operation),
    ...bodyKinds(operation, baseline),
    ...authKinds(operation),
  ];
}
