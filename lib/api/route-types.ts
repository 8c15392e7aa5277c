import type { z } from "zod";
import type { Database } from "@/db/client";
import type { Actor, Permission } from "@/lib/auth/actor";
import type { ErrorKind } from "@/lib/platform/errors";

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
/** "public" routes run without credentials (the OpenAPI document); every other route needs one. */
export type RoutePermission = Permission | "public";

/** What a route promises: the one description used to serve it and to document it. */
export type RouteSpec = {
  method: HttpMethod;
  /** OpenAPI style, relative to /api/v1: `/projects/{id}`. */
  path: `/${string}`;
  summary: string;
  description?: string;
  tag: string;
  /**
   * The permission the route needs. The handler checks it against the resource's team
   * (authorize); the spec states it for the documentation and the authentication step.
   */
  permission: RoutePermission;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  /** The success status; 200 unless given. */
  status?: 200 | 201 | 202;
  /** Error kinds beyond the ones every route of its kind can answer (401, 400, 403, 404, 429). */
  errors?: ErrorKind[];
};

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export type RouteContext<
  P extends RoutePermission,
  Params extends z.ZodObject | undefined,
  Query extends z.ZodObject | undefined,
  Body extends z.ZodType | undefined,
> = {
  request: Request;
  db: Database;
  actor: P extends "public" ? Actor | null : Actor;
  /** The caller's address, for rate limits and the audit log. */
  ip: string | null;
  params: Parsed<Params>;
  query: Parsed<Query>;
  body: Parsed<Body>;
};

/** A spec with its handler; the schemas' types flow into the handler's context and result. */
export type RouteDefinition<
  P extends RoutePermission,
  Params extends z.ZodObject | undefined,
  Query extends z.ZodObject | undefined,
  Body extends z.ZodType | undefined,
  Result extends z.ZodType,
> = Omit<RouteSpec, "permission" | "params" | "query" | "body" | "response"> & {
  permission: P;
  params?: Params;
  query?: Query;
  body?: Body;
  response: Result;
  handler: (context: RouteContext<P, Params, Query, Body>) => Promise<z.input<Result>>;
};

/** What Next.js passes a route handler as its second argument. */
export type NextRouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

/** A Next.js route handler that also carries its spec, so the OpenAPI document can list it. */
export type ApiRoute = ((request: Request, context?: NextRouteContext) => Promise<Response>) & {
  readonly spec: RouteSpec;
};
