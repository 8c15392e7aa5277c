import type { AgentChoice } from "@/db/schema";
import type { CliAgentSpec } from "@/lib/agents/backends/cli-agent-specs";
import type { CliEndpoint } from "@/lib/agents/backends/run-cli-agent";
import { env } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";

const DEFAULT_URLS: Record<CliAgentSpec["protocol"], string> = {
  "openai-responses": "https://api.openai.com/v1",
  "openai-chat": "https://api.openai.com/v1",
  "anthropic-messages": "https://api.anthropic.com",
  gemini: "https://generativelanguage.googleapis.com",
};

/** The server's configuration for a protocol: its base URL and key, when set. */
function serverDefaults(protocol: CliAgentSpec["protocol"]): { baseUrl?: string; apiKey?: string } {
  if (protocol === "anthropic-messages") return { baseUrl: env.ANTHROPIC_BASE_URL, apiKey: env.ANTHROPIC_API_KEY };
  if (protocol === "gemini") return { baseUrl: env.GEMINI_BASE_URL, apiKey: env.GEMINI_API_KEY };
  return { baseUrl: env.OPENAI_BASE_URL, apiKey: env.OPENAI_API_KEY };
}

/**
 * Where a CLI agent's model is: the choice's model and base URL, else the server's for its
 * protocol (OPENAI_*, ANTHROPIC_*, GEMINI_*); the key from the project secret the choice
 * names, else the server's. A named secret that does not exist is an error, said plainly.
 */
export function resolveCliEndpoint(
  spec: CliAgentSpec,
  choice: AgentChoice,
  secrets: Record<string, string>,
): CliEndpoint {
  const defaults = serverDefaults(spec.protocol);
  let apiKey = defaults.apiKey;
  if (choice.apiKeySecret) {
    apiKey = secrets[choice.apiKeySecret];
    if (apiKey === undefined)
      throw new AppError(
        "bad_request:agent",
        `${spec.label}'s key is to come from the project secret ${choice.apiKeySecret}, which does not exist`,
      );
  }
  return {
    model: choice.model ?? spec.defaultModel,
    baseUrl: choice.baseUrl ?? defaults.baseUrl ?? DEFAULT_URLS[spec.protocol],
    // Local servers take any key; the CLIs insist on one being set.
    apiKey: apiKey ?? "not-needed",
  };
}
