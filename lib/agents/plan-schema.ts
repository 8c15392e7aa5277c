import { type JSONSchema7, jsonSchema } from "ai";
import { z } from "zod";
import type { PlanContent } from "@/db/schema";

// Two views of one plan. The model is shown a strict schema (every key required, optional
// ones nullable), which OpenAI's strict structured outputs demand. The answer is then
// checked by a lenient one that also takes missing keys, as hand-written scripts and
// smaller local models produce, and bounds sizes.

const modelFacing = z.object({
  summary: z.string().describe("One or two sentences: what will change and why"),
  steps: z.array(z.object({ title: z.string(), detail: z.string().nullable() })).describe("Ordered steps"),
  files: z.array(z.string()).describe("Repository-relative paths to change or create"),
  acceptanceChecks: z
    .array(
      z.object({
        description: z.string(),
        test: z.string().nullable().describe("Exact name of a test that proves the check, or null"),
        page: z.string().nullable().describe("Page path such as / that shows the check, or null"),
      }),
    )
    .describe("Observable checks that show the task is done"),
});

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((value) => value || undefined);

export const planContentSchema = z.object({
  summary: text(4000),
  steps: z
    .array(z.object({ title: text(300), detail: optionalText(4000) }))
    .min(1)
    .max(30),
  files: z
    .array(text(500).transform((file) => file.replace(/^\.\//, "")))
    .max(100)
    .transform((files) => [...new Set(files)]),
  acceptanceChecks: z
    .array(z.object({ description: text(1000), test: optionalText(500), page: optionalText(500) }))
    .min(1)
    .max(30),
});

function toPlanContent(value: z.output<typeof planContentSchema>): PlanContent {
  // Drop undefined keys so the stored JSON has only what was said.
  return {
    summary: value.summary,
    steps: value.steps.map(({ title, detail }) => (detail ? { title, detail } : { title })),
    files: value.files,
    acceptanceChecks: value.acceptanceChecks.map(({ description, test, page }) => ({
      description,
      ...(test ? { test } : {}),
      ...(page ? { page } : {}),
    })),
  };
}

/** Validates any value as a plan (a model's answer, a person's edit) and normalises it. */
export function parsePlanContent(
  value: unknown,
): { success: true; plan: PlanContent } | { success: false; error: z.ZodError } {
  const result = planContentSchema.safeParse(value);
  return result.success ? { success: true, plan: toPlanContent(result.data) } : { success: false, error: result.error };
}

const { $schema: _ignored, ...modelJsonSchema } = z.toJSONSchema(modelFacing) as JSONSchema7 & { $schema?: string };

/** The schema for `Output.object`: strict for the model, lenient when validating. */
export const planOutputSchema = jsonSchema<PlanContent>(modelJsonSchema, {
  validate: (value) => {
    const result = parsePlanContent(value);
    return result.success
      ? { success: true, value: result.plan }
      : { success: false, error: new Error(z.prettifyError(result.error)) };
  },
});
