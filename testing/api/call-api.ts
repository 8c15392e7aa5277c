import { GET as unknownPath } from "@/app/api/v1/[[...path]]/route";
import { GET as openApiDocument } from "@/app/api/v1/openapi.json/route";
import { apiRoutes } from "@/app/api/v1/routes";
import type { ApiRoute, HttpMethod } from "@/lib/api/route-types";
import { undecodablePathResponse } from "@/lib/api/undecodable-path-response";

// Test helper: sends a real Request through what Next.js would run for the method and
// path: proxy.ts's check of the path's encoding, then the /api/v1 route handler Next.js
// would pick, with the path parameters it would pass (decoded as its router does: a
// segment that does not decode is the plain-text 500 Next.js answers), else the catch-all.

const allRoutes: ApiRoute[] = [...apiRoutes, openApiDocument];

/** The raw (still percent-encoded) path parameters, when `pathname` is one of `specPath`. */
function match(specPath: string, pathname: string): Record<string, string> | null {
  const names: string[] = [];
  const pattern = specPath
    .replace(/[.]/g, "\\.")
    .replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), "([^/]+)"));
  const found = new RegExp(`^${pattern}$`).exec(pathname);
  return found ? Object.fromEntries(names.map((name, index) => [name, found[index + 1]!])) : null;
}

function decodeParams(raw: Record<string, string>): Record<string, string> | null {
  try {
    return Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, decodeURIComponent(value)]));
  } catch {
    return null;
  }
}

export type CallOptions = {
  token?: string;
  /** JSON-encoded with content-type application/json. */
  body?: unknown;
  /** Sent as is (for malformed bodies); set content-type in headers. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** The client address, as Next.js passes it (x-forwarded-for). */
  ip?: string;
};

export async function callApi(method: HttpMethod, path: string, options: CallOptions = {}): Promise<Response> {
  const url = new URL(`http://127.0.0.1:3000/api/v1${path}`);
  const headers = new Headers({ "x-forwarded-for": options.ip ?? "203.0.113.7", ...options.headers });
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const request = () => new Request(url, { method, headers, body });
  const refused = undecodablePathResponse(url.pathname);
  if (refused) return refused;
  const pathname = url.pathname.slice("/api/v1".length);
  const served = allRoutes.filter((candidate) => match(candidate.spec.path, pathname));
  const route = served.find((candidate) => candidate.spec.method === method);
  // A served path with another method: Next.js's own 405, which has no body. Any other path
  // goes to the catch-all, whose every method is the same 404.
  if (!route) return served.length > 0 ? new Response(null, { status: 405 }) : unknownPath(request());
  const params = decodeParams(match(route.spec.path, pathname)!);
  if (!params) return new Response("Internal Server Error", { status: 500, headers: { "content-type": "text/plain" } });
  return route(request(), { params: Promise.resolve(params) });
}

/** The JSON body and status of a call, for compact assertions. */
export async function callJson<T = Record<string, unknown>>(
  method: HttpMethod,
  path: string,
  options: CallOptions = {},
) {
  const response = await callApi(method, path, options);
  return { status: response.status, headers: response.headers, json: (await response.json()) as T };
}
