import type { ModelUsage } from "@/lib/ai/usage";

/** USD per million tokens. `known` is false when the model is not in the table (cost shown as 0). */
export type ModelPrice = { inputPerMillion: number; outputPerMillion: number; known: boolean };

// List prices of OpenAI's API (standard tier, uncached input), USD per 1M tokens. Dated
// snapshots ("gpt-4o-2024-08-06") are priced as their family. Check before relying on
// them for billing: they are for budgets and the dashboard, not invoices.
const openAiPrices: Record<string, [input: number, output: number]> = {
  "gpt-5.1": [1.25, 10],
  "gpt-5.1-codex": [1.25, 10],
  "gpt-5.1-codex-mini": [0.25, 2],
  "gpt-5": [1.25, 10],
  "gpt-5-codex": [1.25, 10],
  "gpt-5-mini": [0.25, 2],
  "gpt-5-nano": [0.05, 0.4],
  "gpt-4.1": [2, 8],
  "gpt-4.1-mini": [0.4, 1.6],
  "gpt-4.1-nano": [0.1, 0.4],
  "gpt-4o": [2.5, 10],
  "gpt-4o-mini": [0.15, 0.6],
  "gpt-4-turbo": [10, 30],
  "gpt-4": [30, 60],
  "gpt-3.5-turbo": [0.5, 1.5],
  o1: [15, 60],
  "o1-mini": [1.1, 4.4],
  o3: [2, 8],
  "o3-mini": [1.1, 4.4],
  "o4-mini": [1.1, 4.4],
};

const free: ModelPrice = { inputPerMillion: 0, outputPerMillion: 0, known: true };
const unknown: ModelPrice = { inputPerMillion: 0, outputPerMillion: 0, known: false };

/**
 * The price of a model id as `getModel` spells it (`openai:gpt-4o`, `openai-compatible:x`,
 * `scripted`). The scripted model is free unless its script names a price. Models served
 * by an OpenAI-compatible server are priced by name when the name is an OpenAI model
 * (a proxy), otherwise unknown: self-hosted models have no list price.
 */
export function getModelPrice(
  modelId: string,
  scriptPrice?: { inputPerMillion: number; outputPerMillion: number },
): ModelPrice {
  if (modelId === "scripted" || modelId.startsWith("scripted:"))
    return scriptPrice ? { ...scriptPrice, known: true } : free;
  const name = modelId.slice(modelId.indexOf(":") + 1).toLowerCase();
  const entry = openAiPrices[name] ?? openAiPrices[name.replace(/-\d{4}-\d{2}-\d{2}$/, "")];
  return entry ? { inputPerMillion: entry[0], outputPerMillion: entry[1], known: true } : unknown;
}

/** Cost in USD, rounded to the 6 decimals the database keeps. */
export function costUsd(usage: ModelUsage, price: ModelPrice): number {
  const raw = (usage.inputTokens * price.inputPerMillion + usage.outputTokens * price.outputPerMillion) / 1_000_000;
  return Math.round(raw * 1_000_000) / 1_000_000;
}
