import type { ApiRoute, HttpMethod } from "@/lib/api/route-types";
import { GET as openApiDocument } from "@/app/api/v1/openapi.json/route";
import { apiRoutes } from "@/app/api/v1/routes";

// Test helper: sends a real Request to the /api/v1 route handler that Next.js would pick
// for the method and path, with the path parameters Next.js would pass.

const allRoutes: ApiRoute[] = [...apiRoutes, openApiDocument];

function match(specPath: string, pathname: string): Record<string, string> | null {
  const names: string[] = [];
  const pattern = specPath
    .replace(/[.]/g, "\\.")
    .replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), "([^/]+)"));
  const found = new RegExp(`^${pattern}$`).exec(pathname);
  return found ? Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(found[index + 1]!)])) : null;
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
  const route = allRoutes.find(
    (candidate) => candidate.spec.method === method && match(candidate.spec.path, url.pathname.slice("/api/v1".length)),
  );
  if (!route) throw new Error(`no route for ${method} ${path}`);
  const params = match(route.spec.path, url.pathname.slice("/api/v1".length))!;
  const headers = new Headers({ "x-forwarded-for": options.ip ?? "203.0.113.7", ...options.headers });
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  return route(new Request(url, { method, headers, body }), { params: Promise.resolve(params) });
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
