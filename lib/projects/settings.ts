import { z } from "zod";
import type { ProjectSettings } from "@/db/schema";
import { agentChoiceSchema } from "@/lib/projects/agent-choice-schema";
import { mcpServersSchema } from "@/lib/projects/mcp-server-schema";

const command = z.string().trim().min(1, "a command cannot be empty").max(2000);

export const budgetSchema = z.object({
  maxAttempts: z.number().int().min(1).max(20).default(3),
  maxDollars: z.number().min(0).max(1000).default(5),
  maxMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
});

export const retryStrategyNames = ["regenerate_prompt", "different_approach", "simplified_scope"] as const;

const secretPattern = z.strictObject({
  name: z.string().trim().min(1).max(100),
  pattern: z
    .string()
    .min(1)
    .max(500)
    .refine((source) => {
      try {
        // Matched against added lines with the g flag; a pattern that matches nothing but "" is useless.
        return !new RegExp(source, "g").test("");
      } catch {
        return false;
      }
    }, "not a valid regular expression, or one that matches an empty string"),
});

export const reviewPolicySchema = z.strictObject({
  blockOnSecrets: z.boolean().default(true),
  blockOnSeverity: z.enum(["none", "critical", "high", "medium"]).default("none"),
  blockOnVulnerabilities: z.boolean().default(false),
});

// Defaults a new project gets; a PATCH validates against the same schema.
export const projectSettingsSchema = z.object({
  repositoryRules: z.string().max(20_000).default(""),
  planningStatement: z.string().max(20_000).default(""),
  setupCommands: z.array(command).max(20).default([]),
  testCommands: z.array(command).max(20).default([]),
  previewCommand: command.nullable().default(null),
  // Studio sessions run it in the sandbox with PORT set; null: the preview command.
  devCommand: command.nullable().default(null),
  previewPages: z
    .array(z.string().regex(/^\/[^\s]*$/, "a page is a path starting with /"))
    .max(50)
    .default(["/"]),
  autoMerge: z.enum(["manual", "auto-when-green", "auto-when-all-checks-pass"]).default("manual"),
  mergeMethod: z.enum(["squash", "merge", "rebase"]).default("squash"),
  autoConfirmPlans: z.boolean().default(false),
  budget: budgetSchema.default({ maxAttempts: 3, maxDollars: 5, maxMinutes: 60 }),
  model: z
    .string()
    .regex(/^(scripted|(openai|openai-compatible):.+)$/, "expected provider:model, e.g. openai:gpt-5.1, or scripted")
    .nullable()
    .default(null),
  triggerLabel: z.string().trim().min(1).max(50).default("mergeline"),
  allowNetworkInTests: z.boolean().default(false),
  // Validation fails, and nothing merges, unless every acceptance check of the plan passes.
  requireAcceptance: z.boolean().default(false),
  agent: agentChoiceSchema.default({ backend: "built-in" }),
  mcpServers: mcpServersSchema.default([]),
  useRepositoryConfig: z.boolean().default(false),
  // Reviews (lib/reviews): every opened PR of the repository, or only runs' PRs and those asked for.
  autoReview: z.boolean().default(false),
  aiReview: z.boolean().default(true),
  complexityThreshold: z.number().int().min(1).max(200).default(10),
  secretPatterns: z.array(secretPattern).max(50).default([]),
  reviewPolicy: reviewPolicySchema.default({
    blockOnSecrets: true,
    blockOnSeverity: "none",
    blockOnVulnerabilities: false,
  }),
  // The escalation order of fix attempts: attempt 2 uses the first, attempt 3 the second...; the last repeats.
  retryStrategies: z
    .array(z.enum(retryStrategyNames))
    .min(1)
    .max(10)
    .default(["regenerate_prompt", "different_approach", "simplified_scope"]),
}) satisfies z.ZodType<ProjectSettings>;

export function defaultProjectSettings(overrides: Partial<ProjectSettings> = {}): ProjectSettings {
  return projectSettingsSchema.parse(overrides);
}
