import { z } from "zod";
import { type Plan, planStatus } from "@/db/schema";
import { iso, isoDate } from "./common";

export const apiPlanContentSchema = z.object({
  summary: z.string(),
  steps: z.array(z.object({ title: z.string(), detail: z.string().optional() })),
  files: z.array(z.string()),
  acceptanceChecks: z.array(
    z.object({ description: z.string(), test: z.string().optional(), page: z.string().optional() }),
  ),
});

export const apiPlanSchema = z.object({
  id: z.uuid(),
  version: z.number().int().describe("Every proposal, edit and decision is a new version"),
  status: z.enum(planStatus.enumValues),
  content: apiPlanContentSchema,
  authorId: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: isoDate,
});

export type ApiPlan = z.input<typeof apiPlanSchema>;

export function toApiPlan(plan: Plan): ApiPlan {
  const { id, version, status, content, authorId, reason, createdAt } = plan;
  return { id, version, status, content, authorId, reason, createdAt: iso(createdAt) };
}
