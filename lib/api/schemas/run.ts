import { z } from "zod";
import { type Run, runSource, runStates } from "@/db/schema";
import { agentChoiceSchema } from "@/lib/projects/agent-choice-schema";
import { budgetSchema } from "@/lib/projects/settings";
import { iso, isoDate, isoOrNull } from "./common";

export const budgetUsedSchema = z.object({
  attempts: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  totalTokens: z.number().int(),
  costUsd: z.number(),
  minutes: z.number().describe("Since the run started (or was created), until it ended or now"),
});

export const apiRunSchema = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  issueId: z.uuid().nullable(),
  source: z.enum(runSource.enumValues),
  goal: z.string(),
  requirements: z.string().nullable(),
  acceptanceCriteria: z.array(z.string()),
  priority: z.number().int(),
  state: z.enum(runStates),
  stateReason: z.string().nullable(),
  baseBranch: z.string(),
  branch: z.string().nullable(),
  autoConfirm: z.boolean(),
  attempt: z.number().int().describe("The current attempt (0 before coding starts)"),
  budget: budgetSchema,
  agents: z
    .array(agentChoiceSchema)
    .nullable()
    .describe("The coding agents the run asked for: one, or one per best-of-N attempt; null: the project's agent"),
  budgetUsed: budgetUsedSchema,
  lastSeq: z.number().int().describe("Sequence number of the newest event: GET /runs/{id}/events?after=<seq>"),
  createdBy: z.string().nullable(),
  startedAt: isoDate.nullable(),
  finishedAt: isoDate.nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

export type ApiRun = z.input<typeof apiRunSchema>;

export function toApiRun(run: Run, now = new Date()): ApiRun {
  const since = run.startedAt ?? run.createdAt;
  const until = run.finishedAt ?? now;
  return {
    id: run.id,
    projectId: run.projectId,
    issueId: run.issueId,
    source: run.source,
    goal: run.goal,
    requirements: run.requirements,
    acceptanceCriteria: run.acceptanceCriteria,
    priority: run.priority,
    state: run.state,
    stateReason: run.stateReason,
    baseBranch: run.baseBranch,
    branch: run.branch,
    autoConfirm: run.autoConfirm,
    attempt: run.attempt,
    budget: run.budget,
    agents: run.agents ?? null,
    budgetUsed: {
      attempts: run.attempt,
      inputTokens: run.inputTokens,
      outputTokens: run.outputTokens,
      totalTokens: run.inputTokens + run.outputTokens,
      costUsd: Number(run.costUsd),
      minutes: Math.max(0, Math.round((until.getTime() - since.getTime()) / 6_000) / 10),
    },
    lastSeq: run.lastSeq,
    createdBy: run.createdBy,
    startedAt: isoOrNull(run.startedAt),
    finishedAt: isoOrNull(run.finishedAt),
    createdAt: iso(run.createdAt),
    updatedAt: iso(run.updatedAt),
  };
}
