export { cleanupRateLimits } from "./cleanup-rate-limits";
export { consumeRateLimit, type RateLimitResult } from "./consume-rate-limit";
export { rateLimitHeaders } from "./rate-limit-headers";
