import { describe, expect, it } from "vitest";
import { createBatcher } from "./create-batcher";

describe("createBatcher", () => {
  it("sends the first call alone and coalesces the calls that arrive while it runs", async () => {
    const batches: number[][] = [];
    const double = createBatcher(async (items: number[]) => {
      batches.push(items);
      await new Promise((resolve) => setTimeout(resolve, 20));
      return items.map((item) => item * 2);
    });
    const first = double(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const rest = [double(2), double(3), double(4)];
    expect(await Promise.all([first, ...rest])).toEqual([2, 4, 6, 8]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it("rejects every caller of a failed batch and keeps serving later ones", async () => {
    let fail = true;
    const echo = createBatcher(async (items: string[]) => {
      if (fail) throw new Error("engine down");
      return items;
    });
    const failed = await Promise.allSettled([echo("a"), echo("b")]);
    expect(failed.map((result) => result.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    expect(await echo("c")).toBe("c");
  });

  it("splits batches at maxBatch", async () => {
    const sizes: number[] = [];
    const id = createBatcher(
      async (items: number[]) => {
        sizes.push(items.length);
        return items;
      },
      { maxBatch: 2 },
    );
    await Promise.all([1, 2, 3, 4, 5].map(id));
    expect(sizes).toEqual([2, 2, 1]);
  });
});
