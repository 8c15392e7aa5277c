import { boolean, index, jsonb, pgEnum, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { installations } from "./github";
import { teams } from "./teams";

export const gitProviderKind = pgEnum("git_provider", ["local", "github"]);

/** How a fix attempt goes about it (lib/pipeline/retry-strategy.ts). */
export type RetryStrategy = "regenerate_prompt" | "different_approach" | "simplified_scope";

export type MergePolicy = "manual" | "auto-when-green" | "auto-when-all-checks-pass";

// Stored as one JSON document; lib/projects/settings.ts validates it and fills defaults.
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
