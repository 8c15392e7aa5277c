import { boolean, index, jsonb, pgEnum, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { installations } from "./github";
import { teams } from "./teams";

export const gitProviderKind = pgEnum("git_provider", ["local", "github"]);

/** How a fix attempt goes about it (lib/pipeline/retry-strategy.ts). */
export type RetryStrategy = "regenerate_prompt" | "different_approach" | "simplified_scope";

export type MergePolicy = "manual" | "auto-when-green" | "auto-when-all-checks-pass";

// Stored as one JSON document; lib/projects/settings.ts validates it and fills defaults.
// The coding agents a run can use (lib/agents/backends): the built-in AI SDK agent, and
// CLI agents run in the sandbox. The ids are part of the REST contract.
export const agentBackendIds = ["built-in", "codex", "claude-code", "gemini-cli", "qwen-code", "copilot-cli"] as const;
export type AgentBackendId = (typeof agentBackendIds)[number];

/** Which agent codes, with which model, at which endpoint, with the key in which project secret. */
export type AgentChoice = {
  backend: AgentBackendId;
  /** The model name as the agent's provider knows it (`gpt-5.1`, `claude-sonnet-4-5`); the built-in agent's is `settings.model`. */
  model?: string | null;
  /** The provider's base URL (OpenAI-compatible, Anthropic-compatible or Gemini); unset: the server's configuration. */
  baseUrl?: string | null;
  /** The project secret holding the provider's key; unset: the server's configuration. */
  apiKeySecret?: string | null;
};

/**
 * An MCP server the project's coding agents may use: Streamable HTTP at `url` (headers whose
 * value is `{{secret:NAME}}` get the project secret NAME), or a stdio `command` started inside
 * the attempt's sandbox (by a CLI agent, or for the built-in agent), only where the server
 * allows it (MERGELINE_ALLOW_STDIO_MCP).
 */
export type McpServerSetting = {
  name: string;
  url?: string | null;
  headers?: Record<string, string>;
  command?: string | null;
  args?: string[];
};

export type ProjectSettings = {
  repositoryRules: string;
  planningStatement: string;
  setupCommands: string[];
  testCommands: string[];
  previewCommand: string | null;
  /** Studio sessions' dev server, with $PORT (absent or null: the preview command). */
  devCommand?: string | null;
  previewPages: string[];
  autoMerge: MergePolicy;
  mergeMethod: "squash" | "merge" | "rebase";
  autoConfirmPlans: boolean;
  budget: { maxAttempts: number; maxDollars: number; maxMinutes: number };
  model: string | null;
  triggerLabel: string;
  allowNetworkInTests: boolean;
  /** Merge policy: every acceptance check of the approved plan must pass (absent: false). */
  requireAcceptance?: boolean;
  /** The coding agent of the project's runs (absent: the built-in agent). */
  agent?: AgentChoice;
  /** MCP servers the coding agents may call (absent: none). */
  mcpServers?: McpServerSetting[];
  /** Runs take setup, test, dev and preview commands, pages and budget from the repository's .mergeline.yml (absent: false). */
  useRepositoryConfig?: boolean;
  /** Review every PR opened in the repository, not only runs' PRs (absent: false). */
  autoReview?: boolean;
  /** The AI review against the plan, on top of the static analysis (absent: true). */
  aiReview?: boolean;
  /** Functions whose cyclomatic complexity rises above this are flagged (absent: 10). */
  complexityThreshold?: number;
  /** The project's own secret patterns, on top of secretlint's recommended rules. */
  secretPatterns?: { name: string; pattern: string }[];
  /** Merge policy on review findings (absent: secrets block, nothing else does). */
  reviewPolicy?: {
    blockOnSecrets: boolean;
    /** No open finding of this severity or worse ("none": findings never block). */
    blockOnSeverity: "none" | "critical" | "high" | "medium";
    blockOnVulnerabilities: boolean;
  };
  /** The strategies of fix attempts 2, 3, 4...: the last repeats (absent: all three in this order). */
  retryStrategies?: RetryStrategy[];
};

export const projects = pgTable(
  "projects",
  {
    id: id(),
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    provider: gitProviderKind().notNull(),
    // A path on disk for local projects, "owner/name" for GitHub.
    repository: text().notNull(),
    name: text().notNull(),
    defaultBranch: text().notNull().default("main"),
    installationId: uuid().references(() => installations.id, { onDelete: "set null" }),
    pinned: boolean().notNull().default(true),
    settings: jsonb().$type<ProjectSettings>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [unique().on(table.teamId, table.provider, table.repository), index().on(table.teamId, table.pinned)],
);

// Values are AES-256-GCM ciphertext; the plaintext never reaches the database.
export const projectSecrets = pgTable(
  "project_secrets",
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text().notNull(),
    ciphertext: text().notNull(),
    iv: text().notNull(),
    authTag: text().notNull(),
    keyId: text().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [unique().on(table.projectId, table.name)],
);

export type Project = typeof projects.$inferSelect;
export type NewProject = typeof projects.$inferInsert;
export type ProjectSecret = typeof projectSecrets.$inferSelect;
