import { createOpenAI } from "@ai-sdk/openai";
import type { EmbeddingModel, LanguageModel } from "ai";
import type { Project } from "@/db/schema";
import { getModelPrice, type ModelPrice } from "@/lib/ai/pricing";
import { loadScripts } from "@/lib/ai/scripted/load-scripts";
import { scriptForChat } from "@/lib/ai/scripted/script-for-chat";
import { scriptForGoal } from "@/lib/ai/scripted/script-for-goal";
import { createScriptedModel } from "@/lib/ai/scripted/scripted-model";
import { env } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";

export type ModelPurpose = "plan" | "code" | "judge" | "chat" | "review";

/** The settings models are made from; `env` unless a caller (a test) passes its own. */
export type ModelConfig = {
  /** MERGELINE_MODEL: `openai:<model>`, `openai-compatible:<model>` or `scripted`. */
  defaultModel: string;
  openaiApiKey?: string;
  openaiBaseUrl?: string;
  /** MERGELINE_SCRIPTED_MODEL: the script file; the shipped demo script when unset. */
  scriptedModelPath?: string;
  /** MERGELINE_EMBEDDING_MODEL: `openai:<model>` or `openai-compatible:<model>`; unset, no embeddings. */
  embeddingModel?: string;
};

export type GetModelOptions = {
  /** Coding attempt, from 1: the scripted model plays that attempt's turns. */
  attempt?: number;
  /** The run's goal: the scripted model plays the script of the task it asks for, and refuses any other. */
  goal?: string;
  config?: ModelConfig;
  /** Replaces global fetch for provider requests (proxies, tests). */
  fetch?: typeof globalThis.fetch;
};

export type ResolvedModel = {
  model: LanguageModel;
  /** As configured, e.g. `openai:gpt-5.1`; stored on model_calls and priced by it. */
  id: string;
  /** For the UI; the scripted model's label says so. */
  label: string;
  scripted: boolean;
  price: ModelPrice;
};

type ParsedModelId = { provider: "openai" | "openai-compatible"; name: string } | { provider: "scripted" };

export function parseModelId(id: string): ParsedModelId {
  if (id === "scripted") return { provider: "scripted" };
  const match = /^(openai|openai-compatible):(.+)$/.exec(id);
  if (!match)
    throw new AppError(
      "bad_request:model",
      `Unknown model "${id}": expected openai:<model>, openai-compatible:<model> or scripted`,
    );
  return { provider: match[1] as "openai" | "openai-compatible", name: match[2]!.trim() };
}

export function modelConfigFromEnv(): ModelConfig {
  return {
    defaultModel: env.MERGELINE_MODEL,
    openaiApiKey: env.OPENAI_API_KEY,
    openaiBaseUrl: env.OPENAI_BASE_URL,
    scriptedModelPath: env.MERGELINE_SCRIPTED_MODEL,
    embeddingModel: env.MERGELINE_EMBEDDING_MODEL,
  };
}

// Local servers (Ollama, llama.cpp, LM Studio) take no key, but the provider always
// sends an Authorization header; a placeholder keeps it well-formed.
const NO_KEY = "not-needed";

/**
 * The only place models are made. The project's `settings.model` wins over MERGELINE_MODEL.
 * Explicit baseURL and apiKey are always passed so the provider never reads process.env.
 */
export function getModel(
  purpose: ModelPurpose,
  project: Pick<Project, "settings">,
  options: GetModelOptions = {},
): ResolvedModel {
  const config = options.config ?? modelConfigFromEnv();
  const id = project.settings.model ?? config.defaultModel;
  const parsed = parseModelId(id);

  if (parsed.provider === "scripted") {
    const { scripts } = loadScripts(config.scriptedModelPath);
    const script = purpose === "chat" ? scriptForChat(scripts) : scriptForGoal(scripts, options.goal);
    return {
      model: createScriptedModel({ script, purpose, attempt: options.attempt }),
      id,
      label: `Scripted model (${script.name})`,
      scripted: true,
      price: getModelPrice(id, script.price),
    };
  }

  if (parsed.provider === "openai") {
    if (!config.openaiApiKey) {
      throw new AppError("unavailable:model", `The model ${id} needs OPENAI_API_KEY, which is not set`);
    }
    const openai = createOpenAI({
      apiKey: config.openaiApiKey,
      baseURL: config.openaiBaseUrl ?? "https://api.openai.com/v1",
      fetch: options.fetch,
    });
    return {
      model: openai(parsed.name),
      id,
      label: `OpenAI ${parsed.name}`,
      scripted: false,
      price: getModelPrice(id),
    };
  }

  if (!config.openaiBaseUrl) {
    throw new AppError(
      "unavailable:model",
      `The model ${id} needs OPENAI_BASE_URL, the server's OpenAI-compatible /v1 URL (e.g. http://127.0.0.1:11434/v1 for Ollama)`,
    );
  }
  const compatible = createOpenAI({
    name: "openai-compatible",
    apiKey: config.openaiApiKey ?? NO_KEY,
    baseURL: config.openaiBaseUrl,
    fetch: options.fetch,
  });
  return {
    // Chat Completions: the API that Ollama, llama.cpp, vLLM and LM Studio implement.
    model: compatible.chat(parsed.name),
    id,
    label: `${parsed.name} (OpenAI-compatible, ${new URL(config.openaiBaseUrl).host})`,
    scripted: false,
    price: getModelPrice(id),
  };
}

export type ResolvedEmbeddingModel = {
  model: EmbeddingModel;
  /** As configured, e.g. `openai:text-embedding-3-small`; stored with each embedding. */
  id: string;
  label: string;
};

/**
 * The embedding model of MERGELINE_EMBEDDING_MODEL, called through the OpenAI-compatible
 * `/embeddings` endpoint (OpenAI, or the server at OPENAI_BASE_URL); null when none is set.
 */
export function getEmbeddingModel(options: Omit<GetModelOptions, "attempt"> = {}): ResolvedEmbeddingModel | null {
  const config = options.config ?? modelConfigFromEnv();
  if (!config.embeddingModel) return null;
  const parsed = parseModelId(config.embeddingModel);
  if (parsed.provider === "scripted")
    throw new AppError(
      "bad_request:model",
      "MERGELINE_EMBEDDING_MODEL needs openai:<model> or openai-compatible:<model>",
    );
  if (parsed.provider === "openai" && !config.openaiApiKey)
    throw new AppError(
      "unavailable:model",
      `The embedding model ${config.embeddingModel} needs OPENAI_API_KEY, which is not set`,
    );
  if (parsed.provider === "openai-compatible" && !config.openaiBaseUrl)
    throw new AppError(
      "unavailable:model",
      `The embedding model ${config.embeddingModel} needs OPENAI_BASE_URL, the server's OpenAI-compatible /v1 URL`,
    );
  const provider = createOpenAI({
    name: parsed.provider,
    apiKey: config.openaiApiKey ?? NO_KEY,
    baseURL: config.openaiBaseUrl ?? "https://api.openai.com/v1",
    fetch: options.fetch,
  });
  return {
    model: provider.embedding(parsed.name),
    id: config.embeddingModel,
    label: parsed.provider === "openai" ? `OpenAI ${parsed.name}` : `${parsed.name} (OpenAI-compatible)`,
  };
}
