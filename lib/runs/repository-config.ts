import { parseDocument } from "yaml";
import { z } from "zod";
import type { ProjectSettings, RunBudget } from "@/db/schema";
import { AppError } from "@/lib/platform/errors";

/** The repository file a project may take run settings from. */
export const REPOSITORY_CONFIG_FILE = ".mergeline.yml";

const command = z.string().trim().min(1, "a command cannot be empty").max(2000);
const commands = z.union([command.transform((one) => [one]), z.array(command).max(20)]);

// What .mergeline.yml may set: commands, pages and a budget, never who may merge or what
// the agent may reach (those stay the project's).
const configSchema = z
  .object({
    setup: commands.optional(),
    test: commands.optional(),
    dev: command.nullable().optional(),
    preview: command.nullable().optional(),
    pages: z
      .array(z.string().regex(/^\/[^\s]*$/, "a page is a path starting with /"))
      .max(50)
      .optional(),
    budget: z
      .object({
        attempts: z.number().int().min(1).max(20).optional(),
        dollars: z.number().min(0).max(1000).optional(),
        minutes: z
          .number()
          .int()
          .min(1)
          .max(24 * 60)
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type RepositoryConfig = { overrides: Partial<ProjectSettings>; budget: Partial<RunBudget> | null };

/**
 * Reads a .mergeline.yml: YAML, with only the keys above. A file that is not YAML, or says
 * something it may not, is an error naming the file, the line and what is wrong.
 */
export function parseRepositoryConfig(text: string): RepositoryConfig {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const [syntax] = document.errors;
  if (syntax) {
    const line = syntax.linePos?.[0]?.line;
    throw new AppError(
      "bad_request:repository_config",
      `${REPOSITORY_CONFIG_FILE}${line ? ` line ${line}` : ""}: ${syntax.message.split("\n")[0]}`,
    );
  }
  const parsed = configSchema.safeParse(document.toJS() ?? {});
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const where = issue?.path.length ? issue.path.join(".") : "the file";
    // Where the value at fault starts, as a line number (its node's range in the text).
    const node = issue?.path.length
      ? (document.getIn(issue.path as (string | number)[], true) as { range?: number[] })
      : null;
    const offset = node?.range?.[0];
    const lineNumber = offset !== undefined ? text.slice(0, offset).split("\n").length : undefined;
    throw new AppError(
      "bad_request:repository_config",
      `${REPOSITORY_CONFIG_FILE}${lineNumber ? ` line ${lineNumber}` : ""}: ${where}: ${issue?.message ?? "invalid"}`,
    );
  }
  const config = parsed.data;
  const overrides: Partial<ProjectSettings> = {};
  if (config.setup) overrides.setupCommands = config.setup;
  if (config.test) overrides.testCommands = config.test;
  if (config.dev !== undefined) overrides.devCommand = config.dev;
  if (config.preview !== undefined) overrides.previewCommand = config.preview;
  if (config.pages) overrides.previewPages = config.pages;
  const budget = config.budget
    ? {
        ...(config.budget.attempts !== undefined ? { maxAttempts: config.budget.attempts } : {}),
        ...(config.budget.dollars !== undefined ? { maxDollars: config.budget.dollars } : {}),
        ...(config.budget.minutes !== undefined ? { maxMinutes: config.budget.minutes } : {}),
      }
    : null;
  return { overrides, budget };
}
