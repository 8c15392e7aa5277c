import { describe, expect, it } from "vitest";
import { narrowPlan } from "@/lib/pipeline/narrow-plan";
import { strategyForAttempt } from "@/lib/pipeline/retry-strategy";
import { defaultProjectSettings, projectSettingsSchema } from "@/lib/projects/settings";

describe("strategyForAttempt", () => {
  it("escalates through the project's order, the last repeating; a first attempt has the chosen one or none", () => {
    const settings = defaultProjectSettings();
    expect([1, 2, 3, 4, 5].map((attempt) => strategyForAttempt({ attempt, settings, chosen: null }))).toEqual([
      null,
      "regenerate_prompt",
      "different_approach",
      "simplified_scope",
      "simplified_scope",
    ]);
    expect(strategyForAttempt({ attempt: 1, settings, chosen: "different_approach" })).toBe("different_approach");
    const custom = defaultProjectSettings({ retryStrategies: ["simplified_scope"] });
    expect(strategyForAttempt({ attempt: 3, settings: custom, chosen: null })).toBe("simplified_scope");
  });

  it("refuses unknown strategies and empty orders in settings", () => {
    expect(projectSettingsSchema.safeParse({ retryStrategies: [] }).success).toBe(false);
    expect(projectSettingsSchema.safeParse({ retryStrategies: ["try_harder"] }).success).toBe(false);
    expect(projectSettingsSchema.safeParse({ secretPatterns: [{ name: "x", pattern: "(" }] }).success).toBe(false);
    expect(projectSettingsSchema.safeParse({ secretPatterns: [{ name: "x", pattern: ".*" }] }).success).toBe(false);
    expect(
      projectSettingsSchema.safeParse({ secretPatterns: [{ name: "Internal", pattern: "int_[a-z0-9]{20}" }] }).success,
    ).toBe(true);
  });
});

describe("narrowPlan", () => {
  it("keeps the steps the acceptance checks need and leaves the rest as follow-ups", () => {
    const { plan, followUps } = narrowPlan({
      summary: "Coupons",
      steps: [
        { title: "Parse coupon codes in src/coupon.ts" },
        { title: "Restyle the checkout page" },
        { title: "Apply the discount to the total", detail: "in src/cart.ts" },
      ],
      files: ["src/coupon.ts", "src/cart.ts", "src/checkout.css"],
      acceptanceChecks: [{ description: "A coupon code applies its discount", test: "coupon discount" }],
    });
    expect(plan.steps.map((step) => step.title)).toEqual([
      "Parse coupon codes in src/coupon.ts",
      "Apply the discount to the total",
    ]);
    expect(followUps).toEqual(["Restyle the checkout page"]);
    expect(plan.files).toEqual(["src/coupon.ts", "src/cart.ts"]);
  });
});
