import { z } from "zod";
import { planContentSchema } from "@/lib/agents/plan-schema";
import { mcpTool } from "./mcp-tool";

const runId = z.uuid().describe("The run's id");

/** The MCP tools that change something (a key with runs:write or admin). */
export const writeTools = [
  mcpTool({
    name: "start_run",
    title: "Start a run",
    description:
      "Starts a run on a project: Mergeline plans the goal, waits for the plan's approval (unless autoConfirm), codes " +
      "it on a branch, opens a pull request and validates it.",
    write: true,
    input: {
      projectId: z.uuid().describe("The project's id"),
      goal: z.string().min(3).max(10_000),
      requirements: z.string().max(20_000).optional(),
      acceptanceCriteria: z.array(z.string().min(1).max(1000)).max(50).optional(),
      baseBranch: z.string().max(200).optional(),
      autoConfirm: z.boolean().optional().describe("Skip plan approval; default the project's setting"),
    },
    call: ({ projectId, ...body }) => ({ method: "POST", path: `/projects/${projectId}/runs`, body }),
  }),
  mcpTool({
    name: "decide_plan",
    title: "Approve or reject a run's plan",
    description: "Approves the run's proposed plan (or an edited `plan`), or rejects it with a reason.",
    write: true,
    input: {
      runId,
      decision: z.enum(["approve", "reject"]),
      reason: z.string().max(2000).optional(),
      plan: planContentSchema.optional().describe("An edited plan to approve instead of the proposed one"),
    },
    call: ({ runId: id, ...body }) => ({ method: "POST", path: `/runs/${id}/plan`, body }),
  }),
  mcpTool({
    name: "cancel_run",
    title: "Cancel a run",
    description: "Cancels a run that has not ended: its pipeline, commands and previews stop.",
    write: true,
    input: { runId, reason: z.string().max(2000).optional() },
    call: ({ runId: id, ...body }) => ({ method: "POST", path: `/runs/${id}/cancel`, body }),
  }),
  mcpTool({
    name: "merge_run",
    title: "Merge a run",
    description: "Merges a ready run's pull request (the project's merge method and policy apply).",
    write: true,
    input: { runId },
    call: ({ runId: id }) => ({ method: "POST", path: `/runs/${id}/merge` }),
  }),
];
