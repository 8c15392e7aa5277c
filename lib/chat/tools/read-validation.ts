import { tool } from "ai";
import { z } from "zod";
import type { Database } from "@/db/client";
import { getRunById } from "@/db/queries/runs";
import { getValidationsByRunId } from "@/db/queries/validations";
import type { Project } from "@/db/schema";
import { formatValidationReport } from "@/lib/validation/format-validation-report";

const MAX_CHARS = 8000;

/** read_validation for chat: a run's validation (its last attempt by default) as the PR comment shows it. */
export function readValidation({ db, project }: { db: Database; project: Project }) {
  return tool({
    description:
      "Read a run's validation: each command's result, failing tests with their messages, browser checks and " +
      "acceptance checks. The run's last attempt unless `attempt` is given.",
    inputSchema: z.object({ runId: z.uuid(), attempt: z.number().int().min(1).optional() }),
    execute: async ({ runId, attempt }) => {
      const run = await getRunById({ db, id: runId });
      // Runs of other projects are as unknown as runs that do not exist.
      if (!run || run.projectId !== project.id) return { ok: false as const, error: "No such run in this project" };
      const validations = await getValidationsByRunId({ db, runId });
      const validation = attempt ? validations.find((v) => v.attempt === attempt) : validations.at(-1);
      if (!validation) return { ok: false as const, error: "The run has no validation yet" };
      return {
        ok: true as const,
        link: `/runs/${run.id}`,
        attempt: validation.attempt,
        status: validation.status,
        report: formatValidationReport(validation).slice(0, MAX_CHARS),
      };
    },
  });
}
