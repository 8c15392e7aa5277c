import { describe, expect, it } from "vitest";
import { rateLimitHeaders } from "./rate-limit-headers";

describe("rateLimitHeaders", () => {
  it("gives the RateLimit-* headers for an allowed request", () => {
    expect(rateLimitHeaders({ allowed: true, limit: 100, remaining: 42, resetSeconds: 300 })).toEqual({
      "RateLimit-Limit": "100",
      "RateLimit-Remaining": "42",
      "RateLimit-Reset": "300",
    });
  });

  it("adds Retry-After to a refusal", () => {
    expect(rateLimitHeaders({ allowed: false, limit: 100, remaining: 0, resetSeconds: 17 })).toEqual({
      "RateLimit-Limit": "100",
      "RateLimit-Remaining": "0",
      "RateLimit-Reset": "17",
      "Retry-After": "17",
    });
  });
});
