import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { type ApiFixture, createApiFixture, snapshotDomain } from "@/testing/api/api-fixture";
import { callApi } from "@/testing/api/call-api";

// Writes are limited per API key (or user) and per address: RATE_LIMIT_WRITE_MAX per
// RATE_LIMIT_WINDOW_SECONDS, with RateLimit-* headers on every counted write.

vi.hoisted(() => {
  vi.stubEnv("RATE_LIMIT_WRITE_MAX", "3");
  vi.stubEnv("RATE_LIMIT_WINDOW_SECONDS", "600");
});

let handle: DatabaseHandle;
let f: ApiFixture;

beforeAll(async () => {
  const { createTestDatabase } = await import("@/testing/database");
  const { setDatabaseHandle } = await import("@/db");
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
  f = await createApiFixture(handle.db);
});
afterAll(() => handle?.close());

const patch = (token: string, ip: string, maxAttempts: number) =>
  callApi("PATCH", `/projects/${f.project.id}`, { token, ip, body: { settings: { budget: { maxAttempts } } } });

describe("the write rate limit", () => {
  it("answers 429 at the limit, with RateLimit headers on every counted write", async () => {
    const ip = "198.51.100.1";
    for (const [index, remaining] of [2, 1, 0].entries()) {
      const response = await patch(f.tokens.admin, ip, index + 2);
      expect(response.status).toBe(200);
      expect(response.headers.get("ratelimit-limit")).toBe("3");
      expect(response.headers.get("ratelimit-remaining")).toBe(String(remaining));
      expect(Number(response.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
    }
    const before = await snapshotDomain(handle.db);
    const refused = await patch(f.tokens.admin, ip, 9);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: "rate_limited:write" } });
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(600);
    expect(await snapshotDomain(handle.db)).toBe(before);
  });

  it("does not count reads, and reads carry no RateLimit headers", async () => {
    const response = await callApi("GET", `/projects/${f.project.id}`, { token: f.tokens.admin, ip: "198.51.100.1" });
    expect(response.status).toBe(200);
    expect(response.headers.get("ratelimit-limit")).toBeNull();
  });

  it("limits the key from any address", async () => {
    expect((await patch(f.tokens.admin, "198.51.100.2", 5)).status).toBe(429);
  });

  it("limits the address for any key", async () => {
    // The member key has not written yet, but its address is the one that is spent.
    const response = await callApi("POST", `/runs/${f.runs.cancelled.id}/cancel`, {
      token: f.tokens.member,
      ip: "198.51.100.1",
    });
    expect(response.status).toBe(429);
  });

  it("lets another key from another address write", async () => {
    const response = await callApi("POST", `/runs/${f.runs.cancelled.id}/cancel`, {
      token: f.tokens.member,
      ip: "198.51.100.3",
    });
    // Counted and allowed: the run itself refuses (it has ended). The key's count is 2: the
    // request its spent address refused was counted against the key too.
    expect(response.status).toBe(409);
    expect(response.headers.get("ratelimit-remaining")).toBe("1");
  });

  it("does not count requests without valid credentials", async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await callApi("POST", "/tasks", { ip: "198.51.100.4", body: {} })).status).toBe(401);
    }
    // The read key's first write (refused, 403, but counted) leaves 2 for the key and the address.
    const response = await callApi("POST", "/tasks", {
      token: f.tokens.viewer,
      ip: "198.51.100.4",
      body: { title: "Fix it", project: f.project.id },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("ratelimit-remaining")).toBe("2");
  });
});
