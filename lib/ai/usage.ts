import type { LanguageModelUsage } from "ai";

/** Tokens of one or more model calls: what is recorded per call and summed per run. */
export type ModelUsage = { inputTokens: number; outputTokens: number };

export const zeroUsage: ModelUsage = { inputTokens: 0, outputTokens: 0 };

// Providers may leave counts undefined (some OpenAI-compatible servers send no usage):
// those count as 0 rather than poisoning a sum with NaN.
export function toModelUsage(usage: Pick<LanguageModelUsage, "inputTokens" | "outputTokens"> | undefined): ModelUsage {
  return { inputTokens: usage?.inputTokens ?? 0, outputTokens: usage?.outputTokens ?? 0 };
}

export function addUsage(a: ModelUsage, b: ModelUsage): ModelUsage {
  return { inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens };
}
