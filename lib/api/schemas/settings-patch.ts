import { z } from "zod";
import { budgetSchema, projectSettingsSchema, reviewPolicySchema } from "@/lib/projects/settings";

// A partial settings document: every field optional and without its default (a default
// here would silently reset what the caller did not mention). Values are checked again,
// as a whole, after merging (updateProjectSettings).
const optional = <T extends z.ZodType>(field: z.ZodDefault<T>) => field.unwrap().optional();
const settings = projectSettingsSchema.shape;
const budget = budgetSchema.shape;
const reviewPolicy = reviewPolicySchema.shape;

export const settingsPatchSchema = z
  .object({
    repositoryRules: optional(settings.repositoryRules).describe("Instructions for the agent"),
    planningStatement: optional(settings.planningStatement),
    setupCommands: optional(settings.setupCommands),
    testCommands: optional(settings.testCommands),
    previewCommand: optional(settings.previewCommand).describe("null turns previews off"),
    previewPages: optional(settings.previewPages),
    devCommand: optional(settings.devCommand).describe(
      "Studio sessions' dev server, e.g. npm run dev -- --port $PORT --host 127.0.0.1; null: the preview command",
    ),
    autoMerge: optional(settings.autoMerge),
    mergeMethod: optional(settings.mergeMethod),
    autoConfirmPlans: optional(settings.autoConfirmPlans),
    budget: z
      .object({
        maxAttempts: optional(budget.maxAttempts),
        maxDollars: optional(budget.maxDollars),
        maxMinutes: optional(budget.maxMinutes),
      })
      .strict()
      .optional(),
    model: optional(settings.model).describe("provider:model, scripted, or null for the default"),
    triggerLabel: optional(settings.triggerLabel),
    allowNetworkInTests: optional(settings.allowNetworkInTests),
    requireAcceptance: optional(settings.requireAcceptance).describe(
      "Merge only when every acceptance check of the plan passes",
    ),
    useRepositoryConfig: optional(settings.useRepositoryConfig).describe(
      "Runs take setup, test, dev and preview commands, pages to check and budget from the repository's .mergeline.yml; studio sessions its setup, dev and preview commands",
    ),
    mcpServers: optional(settings.mcpServers).describe(
      "MCP servers the coding agents may call: { name, url, headers } (a header value {{secret:NAME}} is the project secret NAME), or { name, command, args } for stdio (started in the attempt's sandbox, for CLI and built-in agents; MERGELINE_ALLOW_STDIO_MCP)",
    ),
    agent: optional(settings.agent).describe(
      "The coding agent: built-in, codex, claude-code, gemini-cli or qwen-code, with its model, base URL and key secret",
    ),
    autoReview: optional(settings.autoReview).describe("Review every pull request opened in the repository"),
    aiReview: optional(settings.aiReview).describe("Add the model's review against the plan to the static analysis"),
    complexityThreshold: optional(settings.complexityThreshold).describe(
      "Flag changed functions whose cyclomatic complexity rises above this",
    ),
    secretPatterns: optional(settings.secretPatterns).describe(
      "The project's own secret patterns ({ name, pattern: a regular expression }), besides secretlint's recommended rules",
    ),
    reviewPolicy: z
      .object({
        blockOnSecrets: optional(reviewPolicy.blockOnSecrets).describe("A secret in the diff blocks merging"),
        blockOnSeverity: optional(reviewPolicy.blockOnSeverity).describe(
          "An open finding of this severity or worse blocks merging (none: findings never do)",
        ),
        blockOnVulnerabilities: optional(reviewPolicy.blockOnVulnerabilities).describe(
          "A dependency version with a known advisory blocks merging",
        ),
      })
      .strict()
      .optional(),
    retryStrategies: optional(settings.retryStrategies).describe(
      "The escalation order of fix attempts (attempt 2 takes the first; the last repeats)",
    ),
  })
  .strict();
