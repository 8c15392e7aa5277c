import { AppError, errorResponse } from "@/lib/platform/errors";

/**
 * The JSON 400 for a path that is not valid percent-encoded UTF-8 (`%C0%AF`, `%ff%fe`,
 * `%zz`), or null for any other path. Next.js decodes a dynamic route's segments while it
 * routes, before any route handler runs, and answers a failure with a plain-text 500:
 * proxy.ts asks this first, so the API's one error shape holds for such paths too.
 */
export function undecodablePathResponse(pathname: string): Response | null {
  try {
    decodeURIComponent(pathname);
    return null;
  } catch {
    const refused = errorResponse(
      new AppError("bad_request:path", "path: Is not valid percent-encoded UTF-8 (such as %C3%A9 for é)"),
    );
    refused.headers.set("cache-control", "no-store");
    return refused;
  }
}
