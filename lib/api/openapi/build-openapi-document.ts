import type { z } from "zod";
import { writeMethods } from "@/lib/api/define-route";
import { componentSchemas, type JsonSchema, responseSchema, toJsonSchema } from "@/lib/api/openapi/json-schema";
import { notificationWebhooks } from "@/lib/api/openapi/notification-webhooks";
import type { RouteSpec } from "@/lib/api/route-types";
import type { ErrorKind } from "@/lib/platform/errors";

const errorStatus: Partial<Record<ErrorKind, [number, string]>> = {
  bad_request: [400, "Invalid input; `error.code` is `bad_request:<field path>`"],
  unauthorized: [401, "No credentials, or an unknown, expired or revoked API key"],
  forbidden: [403, "The resource is visible but the key's scopes or the user's role do not allow this"],
  not_found: [404, "No such resource, or one of a team the caller cannot see"],
  conflict: [409, "The resource is not in a state that allows this"],
  payload_too_large: [413, "The body is larger than 1 MiB"],
  rate_limited: [429, "Too many write requests in the window; see the RateLimit headers and Retry-After"],
  unavailable: [503, "A service the request needs is not available"],
};

// Of the tighter of the two write limits: the caller's (API key or user) and the address's.
const rateLimitHeaders = {
  "RateLimit-Limit": { description: "Writes allowed per window", schema: { type: "integer" } },
  "RateLimit-Remaining": { description: "Writes left in this window", schema: { type: "integer" } },
  "RateLimit-Reset": { description: "Seconds until the window resets", schema: { type: "integer" } },
};

/** The error kinds a route can answer: those implied by its spec, plus the ones it lists. */
function errorKinds(spec: RouteSpec): ErrorKind[] {
  const kinds = new Set<ErrorKind>(spec.errors ?? []);
  if (spec.params || spec.query || spec.body) kinds.add("bad_request");
  if (spec.body) kinds.add("payload_too_large");
  if (spec.params) kinds.add("not_found");
  if (spec.permission !== "public") kinds.add("unauthorized");
  if (spec.permission === "write" || spec.permission === "admin") kinds.add("forbidden");
  if (spec.permission !== "public" && writeMethods.has(spec.method)) kinds.add("rate_limited");
  return [...kinds].sort((a, b) => (errorStatus[a]?.[0] ?? 0) - (errorStatus[b]?.[0] ?? 0));
}

function parameters(schema: z.ZodObject | undefined, place: "path" | "query"): JsonSchema[] {
  if (!schema) return [];
  const json = toJsonSchema(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, { description, ...property }]) => ({
    name,
    in: place,
    required: place === "path" || (json.required ?? []).includes(name),
    ...(description ? { description } : {}),
    schema: property,
  }));
}

/** `GET /runs/{id}/events` -> `getRunsByIdEvents`: stable and unique per method and path. */
function operationId(spec: RouteSpec): string {
  const words = spec.path
    .split("/")
    .filter(Boolean)
    .map((part) => (part.startsWith("{") ? `by-${part.slice(1, -1)}` : part));
  const camel = words.join("-").replace(/[-_.]+(\w)/g, (_, letter: string) => letter.toUpperCase());
  return `${spec.method.toLowerCase()}${camel.charAt(0).toUpperCase()}${camel.slice(1)}`;
}

function requestBody(body: z.ZodType): JsonSchema {
  // A body whose schema takes "nothing" (all fields optional, with a default) may be left out.
  const required = !body.safeParse(undefined).success;
  return { required, content: { "application/json": { schema: toJsonSchema(body, "input") } } };
}

function operation(spec: RouteSpec): JsonSchema {
  const isWrite = spec.permission !== "public" && writeMethods.has(spec.method);
  const needs =
    spec.permission === "public"
      ? "No credentials needed."
      : `Needs the \`${spec.permission}\` permission on the resource's team.`;
  const responses: Record<string, JsonSchema> = {
    [String(spec.status ?? 200)]: {
      description: spec.summary,
      ...(isWrite ? { headers: rateLimitHeaders } : {}),
      content: { "application/json": { schema: responseSchema(spec.response) } },
    },
  };
  for (const kind of errorKinds(spec)) {
    const [status, description] = errorStatus[kind] ?? [500, kind];
    responses[String(status)] = {
      description,
      ...(kind === "rate_limited"
        ? {
            headers: {
              ...rateLimitHeaders,
              "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } },
            },
          }
        : {}),
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    };
  }
  return {
    operationId: operationId(spec),
    summary: spec.summary,
    description: [spec.description, needs].filter(Boolean).join("\n\n"),
    tags: [spec.tag],
    ...(spec.permission === "public" ? { security: [] } : {}),
    parameters: [...parameters(spec.params, "path"), ...parameters(spec.query, "query")],
    ...(spec.body ? { requestBody: requestBody(spec.body) } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of the REST API, generated from the routes' own specs. */
export function buildOpenApiDocument(routes: RouteSpec[]): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const spec of [...routes].sort((a, b) => a.path.localeCompare(b.path))) {
    (paths[spec.path] ??= {})[spec.method.toLowerCase()] = operation(spec);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Mergeline API",
      version: "1",
      description:
        "Pin repositories, start and steer runs (plan approval, cancel, merge), follow their events and validations, " +
        "send notifications to webhooks, Slack and email, and read insights. " +
        "Authenticate with `Authorization: Bearer <API key>` (or a dashboard session). Write requests are rate limited per key or user and per address. " +
        "Errors are `{ error: { code, message } }` with `code` = `<kind>:<subject>`.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearerAuth: [] }],
    tags: [
      { name: "projects" },
      {
        name: "code",
        description: "The code index: search, files, index state (the MCP server at /api/mcp offers the same)",
      },
      { name: "api-keys" },
      { name: "members" },
      { name: "runs" },
      {
        name: "reviews",
        description:
          "Reviews of pull requests: diff metadata, complexity, dependencies, secrets, advisories, the AI review",
      },
      { name: "tasks" },
      { name: "validations" },
      {
        name: "notifications",
        description: "Destinations (webhooks, Slack, email), their subscriptions and delivery logs",
      },
      { name: "insights" },
      { name: "meta" },
    ],
    paths,
    // What webhook destinations receive (OpenAPI 3.1 webhooks).
    webhooks: notificationWebhooks(),
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "An API key of a team, with scopes read, runs:write or admin",
        },
      },
      schemas: componentSchemas(),
    },
  };
}
