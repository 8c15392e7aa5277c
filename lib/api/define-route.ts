import { z } from "zod";
import { getDb } from "@/db";
import { applyWriteRateLimit } from "@/lib/api/apply-write-rate-limit";
import { authenticateRequest } from "@/lib/api/authenticate-request";
import { clientIp } from "@/lib/platform/http/client-ip";
import { badRequestFrom, parseInput } from "@/lib/api/parse-input";
import { readJsonBody } from "@/lib/api/read-json-body";
import type {
  ApiRoute,
  HttpMethod,
  NextRouteContext,
  RouteDefinition,
  RoutePermission,
  RouteSpec,
} from "@/lib/api/route-types";
import { AppError, errorResponse } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";

export const writeMethods: ReadonlySet<HttpMethod> = new Set(["POST", "PATCH", "PUT", "DELETE"]);

/** Query parameters as an object; a repeated name becomes an array. */
function queryObject(request: Request): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URL(request.url).searchParams) {
    const seen = query[name];
    query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return query;
}

function failure(error: unknown, spec: RouteSpec, headers: Headers): Response {
  let known = error;
  if (error instanceof z.ZodError) known = badRequestFrom(error, "body");
  else if (!(error instanceof AppError))
    logger.error({ err: error, method: spec.method, path: spec.path }, "API request failed");
  const response = errorResponse(known);
  for (const [name, value] of headers) response.headers.set(name, value);
  if (response.status === 401) response.headers.set("www-authenticate", 'Bearer realm="mergeline"');
  return response;
}

/**
 * One REST route: authenticate (API key, else session; 401), count writes against the
 * rate limit (429), parse params, query and body with the spec's schemas (400 naming the
 * field), run the handler, and answer the response schema's shape, nothing more: fields a
 * handler returns beyond the schema are stripped, so internals never leak by accident.
 * Authorization is the handler's: it loads the resource and calls `authorize`.
 */
export function defineRoute<
  P extends RoutePermission,
  Params extends z.ZodObject | undefined = undefined,
  Query extends z.ZodObject | undefined = undefined,
  Body extends z.ZodType | undefined = undefined,
  Result extends z.ZodType = z.ZodType,
>(definition: RouteDefinition<P, Params, Query, Body, Result>): ApiRoute {
  const { handler, ...spec } = definition;
  const route = async (request: Request, next?: NextRouteContext): Promise<Response> => {
    const headers = new Headers({ "cache-control": "no-store" });
    try {
      const ip = clientIp(request);
      const actor = spec.permission === "public" ? null : await authenticateRequest({ request, db: getDb(), ip });
      if (actor && writeMethods.has(spec.method)) {
        const limit = await applyWriteRateLimit({ db: getDb(), actor, ip });
        for (const [name, value] of Object.entries(limit.headers)) headers.set(name, value);
        if (!limit.allowed)
          throw new AppError(
            "rate_limited:write",
            `Too many write requests; try again in ${limit.resetSeconds} seconds`,
          );
      }
      const context = {
        request,
        // Opened on first use: a public route that needs no database does not open one.
        get db() {
          return getDb();
        },
        actor,
        ip,
        params: spec.params ? parseInput(spec.params, (await next?.params) ?? {}, "params") : undefined,
        query: spec.query ? parseInput(spec.query, queryObject(request), "query") : undefined,
        body: spec.body ? parseInput(spec.body, await readJsonBody(request), "body") : undefined,
      } as Parameters<typeof handler>[0];
      const result = spec.response.safeParse(await handler(context));
      if (!result.success) {
        logger.error(
          { method: spec.method, path: spec.path, issues: result.error.issues.slice(0, 5) },
          "API response does not match its schema",
        );
        throw new AppError("internal:response", "The server produced an invalid response");
      }
      return Response.json(result.data, { status: spec.status ?? 200, headers });
    } catch (error) {
      return failure(error, spec, headers);
    }
  };
  return Object.assign(route, { spec: spec as RouteSpec });
}
