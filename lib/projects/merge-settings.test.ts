import { describe, expect, it } from "vitest";
import { mergeSettings } from "./merge-settings";

describe("mergeSettings", () => {
  const current = {
    budget: { maxAttempts: 3, maxDollars: 5 },
    testCommands: ["npm test"],
    previewCommand: "npm start",
    model: null,
  };

  it("merges objects key by key and replaces arrays and values", () => {
    expect(mergeSettings(current, { budget: { maxAttempts: 1 }, testCommands: ["pnpm test"] })).toEqual({
      ...current,
      budget: { maxAttempts: 1, maxDollars: 5 },
      testCommands: ["pnpm test"],
    });
  });

  it("treats null as a value and undefined as no change", () => {
    expect(mergeSettings(current, { previewCommand: null, model: undefined })).toEqual({
      ...current,
      previewCommand: null,
    });
  });

  it("does not change its inputs", () => {
    const before = structuredClone(current);
    mergeSettings(current, { budget: { maxAttempts: 9 } });
    expect(current).toEqual(before);
  });
});
