import { describe, expect, it } from "vitest";
import { createInstallationTokenCache } from "./installation-token-cache";

describe("installation token cache", () => {
  it("mints once per installation, shares concurrent mints, and refreshes five minutes before expiry", async () => {
    let now = Date.parse("2026-01-01T00:00:00Z");
    const minted: number[] = [];
    const cache = createInstallationTokenCache({
      now: () => now,
      mint: async (installationId) => {
        minted.push(installationId);
        return { token: `t-${installationId}-${minted.length}`, expiresAt: new Date(now + 60 * 60 * 1000) };
      },
    });
    const [a, b] = await Promise.all([cache.get(1), cache.get(1)]);
    expect(a.token).toBe("t-1-1");
    expect(b.token).toBe("t-1-1");
    expect((await cache.get(2)).token).toBe("t-2-2");
    now += 54 * 60 * 1000; // six minutes left: still good
    expect((await cache.get(1)).token).toBe("t-1-1");
    now += 2 * 60 * 1000; // four minutes left: replaced
    expect((await cache.get(1)).token).toBe("t-1-3");
    cache.invalidate(1);
    expect((await cache.get(1)).token).toBe("t-1-4");
    expect(minted).toEqual([1, 2, 1, 1]);
  });

  it("does not cache a failed mint", async () => {
    let calls = 0;
    const cache = createInstallationTokenCache({
      mint: async () => {
        calls++;
        if (calls === 1) throw new Error("GitHub is down");
        return { token: "ok", expiresAt: new Date(Date.now() + 3600_000) };
      },
    });
    await expect(cache.get(1)).rejects.toThrow("GitHub is down");
    expect((await cache.get(1)).token).toBe("ok");
  });
});
