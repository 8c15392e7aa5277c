import { describe, expect, it } from "vitest";
import { defaultProjectSettings, projectSettingsSchema } from "./settings";

describe("project settings", () => {
  it("has sensible defaults", () => {
    expect(defaultProjectSettings()).toMatchObject({
      previewPages: ["/"],
      autoMerge: "manual",
      mergeMethod: "squash",
      autoConfirmPlans: false,
      budget: { maxAttempts: 3, maxDollars: 5, maxMinutes: 60 },
      triggerLabel: "mergeline",
    });
  });

  it("rejects bad values with the field's path", () => {
    const result = projectSettingsSchema.safeParse({
      testCommands: ["npm test", "  "],
      budget: { maxAttempts: 0 },
      model: "gpt-4",
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["testCommands.1", "budget.maxAttempts", "model"]));
  });
});
