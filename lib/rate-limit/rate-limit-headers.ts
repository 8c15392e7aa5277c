import type { RateLimitResult } from "./consume-rate-limit";

/**
 * The RateLimit-* headers of the IETF httpapi draft (the form GitHub-style clients read),
 * plus Retry-After (RFC 9110) on a refusal. Reset is in seconds from now, not a timestamp.
 */
export function rateLimitHeaders(result: RateLimitResult): Record<string, string> {
  const headers: Record<string, string> = {
    "RateLimit-Limit": String(result.limit),
    "RateLimit-Remaining": String(result.remaining),
    "RateLimit-Reset": String(result.resetSeconds),
  };
  if (!result.allowed) headers["Retry-After"] = String(result.resetSeconds);
  return headers;
}
