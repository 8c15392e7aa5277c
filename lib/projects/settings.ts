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
}) satisfies z.ZodType<ProjectSettings>;

export function defaultProjectSettings(overrides: Partial<ProjectSettings> = {}): ProjectSettings {
  return projectSettingsSchema.parse(overrides);
}
