import { z } from "zod";
import { runStates } from "@/db/schema";
import { agentChoiceSchema } from "@/lib/projects/agent-choice-schema";
import type { RunDetails } from "@/lib/runs/get-run-details";
import { isoDate, isoOrNull } from "./common";
import { apiPlanSchema, toApiPlan } from "./plan";
import { apiPullRequestSchema, toApiPullRequest } from "./pull-request";
import { apiRunSchema, toApiRun } from "./run";
import { apiValidationSummarySchema, toApiValidationSummary } from "./validation";

const apiCandidateSchema = z.object({
  index: z.number().int(),
  agent: agentChoiceSchema,
  branch: z.string(),
  sha: z.string().nullable(),
  status: z.enum(["coding", "passed", "failed", "errored", "cancelled"]),
  summary: z.string().nullable(),
  diffLines: z.number().int().nullable(),
  filesChanged: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  chosen: z.boolean(),
});

export const apiRunDetailsSchema = apiRunSchema.extend({
  candidates: z
    .array(apiCandidateSchema)
    .describe("Best-of-N: each parallel attempt (agent, branch, validation, diff size); the chosen one is the PR"),
  plan: apiPlanSchema.nullable().describe("The newest plan version"),
  pullRequest: apiPullRequestSchema.nullable(),
  validations: z.array(apiValidationSummarySchema).describe("One per attempt, oldest first"),
  attemptStrategies: z
    .array(
      z.object({
        attempt: z.number().int(),
        strategy: z.enum(["regenerate_prompt", "different_approach", "simplified_scope"]),
      }),
    )
    .describe("The retry strategy of each attempt that had one (fix attempts, and a retried run's first)"),
  lastLiveState: z.enum(runStates).nullable().describe("For an ended run: the state it was in when it ended"),
  waitingForEngine: z
    .boolean()
    .describe("The run is not ended and the Inngest engine does not answer: it moves on once the engine is back"),
  waitingForEngineSince: isoDate.nullable().describe("Since when the engine has not answered, while waitingForEngine"),
});

export type ApiRunDetails = z.input<typeof apiRunDetailsSchema>;

export function toApiRunDetails(details: RunDetails): ApiRunDetails {
  return {
    ...toApiRun(details.run),
    candidates: details.candidates.map((candidate) => ({
      index: candidate.index,
      agent: candidate.agent,
      branch: candidate.branch,
      sha: candidate.sha,
      status: candidate.status,
      summary: candidate.summary,
      diffLines: candidate.diffLines,
      filesChanged: candidate.filesChanged,
      durationMs: candidate.durationMs,
      chosen: candidate.chosen,
    })),
    plan: details.plan ? toApiPlan(details.plan) : null,
    pullRequest: details.pullRequest ? toApiPullRequest(details.pullRequest) : null,
    validations: details.validations.map(toApiValidationSummary),
    attemptStrategies: details.events
      .filter((event) => event.type === "attempt.strategy")
      .map((event) => ({
        attempt: Number(event.data.attempt),
        strategy: event.data.strategy as "regenerate_prompt" | "different_approach" | "simplified_scope",
      })),
    lastLiveState: details.lastLiveState,
    waitingForEngine: details.waitingForEngineSince !== null,
    waitingForEngineSince: isoOrNull(details.waitingForEngineSince),
  };
}
