// Any method on a path under /api/v1 that no route serves: the API's JSON 404 (not_found:route), not Next's HTML page
import { AppError, errorResponse } from "@/lib/platform/errors";

// Optional catch-all, so /api/v1 itself is covered too. Next.js prefers every static and
// dynamic route over a catch-all, so this never shadows a real one; a real path with a
// method it does not serve still gets Next's 405 with its Allow header.
async function notFound(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  const response = errorResponse(
    new AppError(
      "not_found:route",
      `No API operation ${request.method} ${pathname}; the operations are listed at /api/v1/openapi.json`,
    ),
  );
  response.headers.set("cache-control", "no-store");
  return response;
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
