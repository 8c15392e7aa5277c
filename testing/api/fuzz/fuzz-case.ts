import type fc from "fast-check";
import type { HttpMethod } from "@/lib/api/route-types";

// The shapes the fuzz of /api/v1 works with: an operation as the OpenAPI document states
// it, a valid request of it (the baseline), and the malformed requests made from both.

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: unknown;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
};

export type OpenApiParameter = { name: string; in: "path" | "query"; required: boolean; schema: JsonSchema };
export type OpenApiOperation = {
  method: HttpMethod;
  path: string;
  parameters: OpenApiParameter[];
  requestBody?: { required: boolean; content: { "application/json": { schema: JsonSchema } } };
  security?: unknown[];
};

/**
 * A valid request of the operation: raw (percent-encoded) path values, values of its
 * required query parameters, and a JSON body.
 */
export type Baseline = {
  path: Record<string, string>;
  query?: [name: string, rawValue: string][];
  body?: Record<string, unknown>;
};

/**
 * A malformed request, relative to the baseline: its path values and query parameters
 * replace the baseline's of the same names, its body is the body.
 */
export type FuzzRequest = {
  path: Record<string, string>;
  /** Appended, raw, to the path. */
  pathSuffix?: string;
  query: [name: string, rawValue: string][];
  body?: { json: unknown } | { text: string; contentType: string | null };
  auth: "admin" | "viewer" | "none" | { header: string };
};

/** The status and error code it must get, or "any" (anything but a 5xx; the JSON error shape on a 4xx). */
export type Expected = { status: number; code: RegExp } | "any";
export type FuzzCase = { request: FuzzRequest; expected: Expected };
export type MalformedKind = { kind: string; cases: fc.Arbitrary<FuzzCase> };
