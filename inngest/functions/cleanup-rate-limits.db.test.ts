import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabaseHandle } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { createTestDatabase } from "@/testing/database";
import { cleanupRateLimits } from "./cleanup-rate-limits";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
});
afterAll(() => handle.close());

describe("cleanup-rate-limits", () => {
  it("runs on a cron schedule", () => {
    expect(cleanupRateLimits.opts.triggers).toEqual([{ cron: "*/15 * * * *" }]);
  });

  it("deletes windows that ended long ago and keeps open ones", async () => {
    const now = Date.now();
    await handle.db.insert(rateLimits).values([
      { key: "ip:old:write", windowStart: new Date(now - 3 * 3600_000), count: 7 },
      { key: "ip:new:write", windowStart: new Date(now - 1000), count: 2 },
    ]);
    const { result } = await new InngestTestEngine({
      function: cleanupRateLimits,
      events: [{ name: "inngest/scheduled.timer", data: { cron: "*/15 * * * *" } }],
    }).execute();
    expect(result).toEqual({ deleted: 1 });
    const left = await handle.db.select({ key: rateLimits.key }).from(rateLimits);
    expect(left.map((row) => row.key)).toEqual(["ip:new:write"]);
  });
});
