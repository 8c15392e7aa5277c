import { dispatchedActors } from "@/lib/api/dispatched-actors";
import type { ApiRoute, HttpMethod } from "@/lib/api/route-types";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/platform/errors";

export type ApiCall = {
  method: HttpMethod;
  /** Relative to /api/v1, with its values filled in: `/runs/<id>/plan`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
};
export type ApiAnswer = { status: number; json: unknown };
export type ApiDispatcher = (
  call: ApiCall,
  /** `actor`: the key's actor when the caller has just authenticated it (the route then skips the lookup). */
  credentials: { token: string; headers: Headers; actor?: Actor },
) => Promise<ApiAnswer>;

/** Escaped for a RegExp, with `{name}` segments as capture groups. */
function pattern(specPath: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = specPath.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return { regex: new RegExp(`^${source}$`), names };
}

// Headers of the original request a route reads (the caller's address for rate limits and
// the audit log); everything else is the dispatcher's own.
const FORWARDED = ["x-forwarded-for", "x-real-ip", "user-agent"];

/**
 * Calls /api/v1 routes in-process, exactly as over HTTP: the same authentication (the
 * caller's own API key), scopes, validation, rate limits and audit, without a network hop.
 * The MCP server's tools are this: each one is a REST call.
 */
export function createApiDispatcher(routes: readonly ApiRoute[]): ApiDispatcher {
  const table = routes.map((route) => ({ route, ...pattern(route.spec.path) }));
  return async ({ method, path, query, body }, { token, headers, actor }) => {
    const entry = table.find((candidate) => candidate.route.spec.method === method && candidate.regex.test(path));
    if (!entry) throw new AppError("internal:dispatch", `No API operation ${method} ${path}`);
    const found = entry.regex.exec(path)!;
    const params = Object.fromEntries(entry.names.map((name, i) => [name, decodeURIComponent(found[i + 1]!)]));
    const url = new URL(`http://mergeline.internal/api/v1${path}`);
    for (const [name, value] of Object.entries(query ?? {}))
      if (value !== undefined) url.searchParams.set(name, String(value));
    const forwarded = new Headers({ authorization: `Bearer ${token}` });
    for (const name of FORWARDED) {
      const value = headers.get(name);
      if (value) forwarded.set(name, value);
    }
    if (body !== undefined) forwarded.set("content-type", "application/json");
    const request = new Request(url, {
      method,
      headers: forwarded,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (actor) dispatchedActors.set(request, actor);
    const response = await entry.route(request, { params: Promise.resolve(params) });
    return { status: response.status, json: await response.json() };
  };
}
