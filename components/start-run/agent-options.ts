import type { AgentBackendId } from "@/db/schema";

/** The coding agents a run can use, as the start-run dialog and the settings page name them. */
export const agentOptions = {
  "built-in": "Built-in agent (the project's model)",
  codex: "Codex CLI",
  "claude-code": "Claude Code",
  "gemini-cli": "Gemini CLI",
  "qwen-code": "Qwen Code",
  "copilot-cli": "GitHub Copilot CLI",
} satisfies Record<AgentBackendId, string>;
