import { describe, expect, it } from "vitest";
import { budgetSchema, projectSettingsSchema } from "@/lib/projects/settings";
import { settingsPatchSchema } from "./settings-patch";

describe("settingsPatchSchema", () => {
  it("has every setting, so a new one cannot be left unpatchable", () => {
    expect(Object.keys(settingsPatchSchema.shape).sort()).toEqual(Object.keys(projectSettingsSchema.shape).sort());
    expect(Object.keys(settingsPatchSchema.shape.budget.unwrap().shape).sort()).toEqual(
      Object.keys(budgetSchema.shape).sort(),
    );
  });

  it("fills in no defaults: what is not sent stays as it is", () => {
    expect(settingsPatchSchema.parse({ budget: { maxAttempts: 2 } })).toEqual({ budget: { maxAttempts: 2 } });
    expect(settingsPatchSchema.parse({})).toEqual({});
  });
});
