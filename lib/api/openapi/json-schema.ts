import { z } from "zod";
import { errorBodySchema } from "@/lib/api/schemas/common";
import { apiPlanContentSchema, apiPlanSchema } from "@/lib/api/schemas/plan";
import { apiProjectSchema } from "@/lib/api/schemas/project";
import { apiProjectSecretSchema } from "@/lib/api/schemas/project-secret";
import { apiPullRequestSchema } from "@/lib/api/schemas/pull-request";
import { apiRunSchema, budgetUsedSchema } from "@/lib/api/schemas/run";
import { apiRunDetailsSchema } from "@/lib/api/schemas/run-details";
import { apiRunEventSchema } from "@/lib/api/schemas/run-event";
import { apiValidationSchema, apiValidationSummarySchema } from "@/lib/api/schemas/validation";
import { notificationPayloadSchema } from "@/lib/notifications/notification-payload";
import { projectSettingsSchema } from "@/lib/projects/settings";

export type JsonSchema = Record<string, unknown>;

// Response schemas shown once under components.schemas and referenced by name elsewhere.
export const namedSchemas = new Map<z.ZodType, string>([
  [errorBodySchema, "Error"],
  [apiProjectSchema, "Project"],
  [projectSettingsSchema, "ProjectSettings"],
  [apiRunSchema, "Run"],
  [budgetUsedSchema, "BudgetUsed"],
  [apiRunDetailsSchema, "RunDetails"],
  [apiPlanSchema, "Plan"],
  [apiPlanContentSchema, "PlanContent"],
  [apiPullRequestSchema, "PullRequest"],
  [apiRunEventSchema, "RunEvent"],
  [apiValidationSchema, "Validation"],
  [apiValidationSummarySchema, "ValidationSummary"],
  [apiProjectSecretSchema, "ProjectSecret"],
  [notificationPayloadSchema, "NotificationPayload"],
]);

export const componentRef = (name: string) => `#/components/schemas/${name}`;

/**
 * A zod schema as OpenAPI 3.1 (JSON Schema 2020-12). Responses ("output") refer to named
 * schemas by $ref; requests ("input": defaults optional, coercions as their input type)
 * are written out whole, since their input shape differs from the named output shape.
 */
export function toJsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    io,
    override: ({ zodSchema, jsonSchema, path }) => {
      const name = io === "output" && path.length > 0 ? namedSchemas.get(zodSchema as unknown as z.ZodType) : undefined;
      if (!name) return;
      for (const key of Object.keys(jsonSchema)) delete (jsonSchema as JsonSchema)[key];
      (jsonSchema as JsonSchema).$ref = componentRef(name);
    },
  }) as JsonSchema;
  return json;
}

/** A response schema: a $ref when the schema itself is a named one. */
export function responseSchema(schema: z.ZodType): JsonSchema {
  const name = namedSchemas.get(schema);
  return name ? { $ref: componentRef(name) } : toJsonSchema(schema, "output");
}

export function componentSchemas(): Record<string, JsonSchema> {
  return Object.fromEntries([...namedSchemas].map(([schema, name]) => [name, toJsonSchema(schema, "output")]));
}
