import type { ApiCall } from "@/lib/api/create-api-dispatcher";

/** The resources of a run an MCP client may read, each the REST call that answers it and the part it keeps. */
export const runResources = [
  {
    name: "run-plan",
    title: "A run's plan",
    description: "The run's newest plan version (summary, steps, files, acceptance checks) and its status.",
    template: "mergeline://runs/{runId}/plan",
    variable: "runId",
    call: (id: string): ApiCall => ({ method: "GET", path: `/runs/${id}` }),
    pick: (json: unknown) => (json as { plan: unknown }).plan,
  },
  {
    name: "run-transcript",
    title: "A run's agent transcript",
    description: "What the planner and the coding agent said and did, tool calls included, per attempt.",
    template: "mergeline://runs/{runId}/transcript",
    variable: "runId",
    call: (id: string): ApiCall => ({ method: "GET", path: `/runs/${id}/transcript` }),
    pick: (json: unknown) => (json as { data: unknown }).data,
  },
  {
    name: "run-validations",
    title: "A run's validations",
    description: "One validation per attempt: commands, browser checks, acceptance verdicts, summary.",
    template: "mergeline://runs/{runId}/validations",
    variable: "runId",
    call: (id: string): ApiCall => ({ method: "GET", path: `/runs/${id}/validations` }),
    pick: (json: unknown) => json,
  },
  {
    name: "validation",
    title: "A validation",
    description: "One validation with its command output, failing tests and evidence.",
    template: "mergeline://validations/{validationId}",
    variable: "validationId",
    call: (id: string): ApiCall => ({ method: "GET", path: `/validations/${id}` }),
    pick: (json: unknown) => json,
  },
] as const;
