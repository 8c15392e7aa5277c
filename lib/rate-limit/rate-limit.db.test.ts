import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { createTestDatabase } from "@/testing/database";
import { AppError } from "@/lib/platform/errors";
import { cleanupRateLimits } from "./cleanup-rate-limits";
import { consumeRateLimit } from "./consume-rate-limit";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => handle.close());

const t0 = new Date("2030-01-01T00:00:00.000Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe("consumeRateLimit", () => {
  it("counts down within a window and refuses past the limit", async () => {
    const consume = (seconds: number) =>
      consumeRateLimit({ db: handle.db, key: "ip:1:write", limit: 3, windowSeconds: 60, now: at(seconds) });
    expect(await consume(0)).toEqual({ allowed: true, limit: 3, remaining: 2, resetSeconds: 60 });
    expect(await consume(10)).toEqual({ allowed: true, limit: 3, remaining: 1, resetSeconds: 50 });
    expect(await consume(20.5)).toEqual({ allowed: true, limit: 3, remaining: 0, resetSeconds: 40 });
    expect(await consume(30)).toEqual({ allowed: false, limit: 3, remaining: 0, resetSeconds: 30 });
    expect(await consume(59)).toEqual({ allowed: false, limit: 3, remaining: 0, resetSeconds: 1 });
  });

  it("starts a new window once the old one is over", async () => {
    const consume = (seconds: number) =>
      consumeRateLimit({ db: handle.db, key: "ip:2:write", limit: 2, windowSeconds: 60, now: at(seconds) });
    await consume(0);
    await consume(1);
    expect((await consume(2)).allowed).toBe(false);
    expect(await consume(60)).toEqual({ allowed: true, limit: 2, remaining: 1, resetSeconds: 60 });
    const [row] = await handle.db.select().from(rateLimits).where(eq(rateLimits.key, "ip:2:write"));
    expect(row).toEqual({ key: "ip:2:write", windowStart: at(60), count: 1 });
  });

  it("keeps keys apart and stops counting a refused client at limit + 1", async () => {
    for (let i = 0; i < 10; i++)
      await consumeRateLimit({ db: handle.db, key: "key:a:write", limit: 2, windowSeconds: 60, now: at(i) });
    expect(
      (await consumeRateLimit({ db: handle.db, key: "key:b:write", limit: 2, windowSeconds: 60, now: at(10) }))
        .remaining,
    ).toBe(1);
    const [row] = await handle.db.select().from(rateLimits).where(eq(rateLimits.key, "key:a:write"));
    expect(row!.count).toBe(3);
  });

  it("uses the database clock when no time is given", async () => {
    const result = await consumeRateLimit({ db: handle.db, key: "ip:db-clock", limit: 5, windowSeconds: 900 });
    expect(result).toEqual({ allowed: true, limit: 5, remaining: 4, resetSeconds: 900 });
    const [row] = await handle.db.select().from(rateLimits).where(eq(rateLimits.key, "ip:db-clock"));
    expect(Math.abs(row!.windowStart.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("allows exactly the limit among 50 concurrent requests", async () => {
    // On Postgres, a pool as wide as the burst so that the upserts really race.
    const racing = handle.kind === "postgres" ? openDatabase({ url: handle.url!, max: 25 }) : handle;
    try {
      const results = await Promise.all(
        Array.from({ length: 50 }, () =>
          consumeRateLimit({ db: racing.db, key: "key:burst:write", limit: 20, windowSeconds: 60 }),
        ),
      );
      expect(results.filter((result) => result.allowed)).toHaveLength(20);
      expect(
        results
          .map((result) => result.remaining)
          .sort((a, b) => b - a)
          .slice(0, 20),
      ).toEqual(Array.from({ length: 20 }, (_, i) => 19 - i));
    } finally {
      if (racing !== handle) await racing.close();
    }
  });

  it("refuses a bad key, limit or window", async () => {
    for (const input of [{ key: "" }, { limit: 0 }, { limit: 1.5 }, { windowSeconds: 0 }]) {
      await expect(
        consumeRateLimit({ db: handle.db, key: "k", limit: 1, windowSeconds: 1, ...input }),
      ).rejects.toBeInstanceOf(AppError);
    }
  });
});

describe("cleanupRateLimits", () => {
  it("deletes only windows that are over", async () => {
    await handle.db.delete(rateLimits);
    await consumeRateLimit({ db: handle.db, key: "old", limit: 5, windowSeconds: 60, now: at(0) });
    await consumeRateLimit({ db: handle.db, key: "open", limit: 5, windowSeconds: 60, now: at(100) });
    expect(await cleanupRateLimits({ db: handle.db, olderThanSeconds: 60, now: at(120) })).toBe(1);
    expect((await handle.db.select().from(rateLimits)).map((row) => row.key)).toEqual(["open"]);
    // With the database clock, windows in 2030 are in the future and stay.
    expect(await cleanupRateLimits({ db: handle.db, olderThanSeconds: 60 })).toBe(0);
  });
});
