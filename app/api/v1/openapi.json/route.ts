// GET /api/v1/openapi.json: the OpenAPI 3.1 document of this API, generated from the routes' specs; public
import { z } from "zod";
import { defineRoute } from "@/lib/api/define-route";
import { buildOpenApiDocument } from "@/lib/api/openapi/build-openapi-document";
import type { ApiRoute } from "@/lib/api/route-types";
import { apiRoutes } from "../routes";

// Built on first use: the routes do not change while the process runs.
let document: Record<string, unknown> | undefined;

export const GET: ApiRoute = defineRoute({
  method: "GET",
  path: "/openapi.json",
  tag: "meta",
  summary: "This API's OpenAPI document",
  permission: "public",
  response: z.record(z.string(), z.unknown()),
  handler: async () => (document ??= buildOpenApiDocument([...apiRoutes, GET].map((route) => route.spec))),
});
