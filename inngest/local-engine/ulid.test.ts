import { describe, expect, it } from "vitest";
import { ulid, ulidsFromSeed } from "./ulid";

describe("ulid", () => {
  it("makes 26-character ids that sort by time", () => {
    const early = ulid(1000);
    const late = ulid(2000);
    expect(early).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(early < late).toBe(true);
  });

  it("derives the same ids from the same SDK seed, distinct within a batch", () => {
    const seed = `1700000000000,${Buffer.alloc(10, 255).toString("base64")}`;
    const ids = ulidsFromSeed(seed, 3);
    expect(ids).toEqual(ulidsFromSeed(seed, 3));
    expect(new Set(ids).size).toBe(3);
    expect(ulidsFromSeed("not-a-seed", 1)).toBeNull();
  });
});
