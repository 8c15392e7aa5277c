import { describe, expect, it } from "vitest";
import { costUsd, getModelPrice } from "./pricing";

describe("pricing", () => {
  it("prices OpenAI models, dated snapshots as their family", () => {
    expect(getModelPrice("openai:gpt-4o")).toEqual({ inputPerMillion: 2.5, outputPerMillion: 10, known: true });
    expect(getModelPrice("openai:gpt-4o-2024-08-06")).toEqual({
      inputPerMillion: 2.5,
      outputPerMillion: 10,
      known: true,
    });
    expect(getModelPrice("openai:gpt-4o-mini").inputPerMillion).toBe(0.15);
  });

  it("flags unknown models and prices them at zero", () => {
    expect(getModelPrice("openai-compatible:qwen2.5-coder")).toEqual({
      inputPerMillion: 0,
      outputPerMillion: 0,
      known: false,
    });
    expect(getModelPrice("openai:gpt-99")).toMatchObject({ known: false });
  });

  it("makes the scripted model free unless its script names a price", () => {
    expect(getModelPrice("scripted")).toEqual({ inputPerMillion: 0, outputPerMillion: 0, known: true });
    expect(getModelPrice("scripted", { inputPerMillion: 3, outputPerMillion: 15 })).toEqual({
      inputPerMillion: 3,
      outputPerMillion: 15,
      known: true,
    });
  });

  it("computes cost to six decimals", () => {
    expect(costUsd({ inputTokens: 1_000_000, outputTokens: 100_000 }, getModelPrice("openai:gpt-4o"))).toBe(3.5);
    expect(costUsd({ inputTokens: 1, outputTokens: 1 }, getModelPrice("openai:gpt-4o-mini"))).toBe(0.000001);
  });
});
