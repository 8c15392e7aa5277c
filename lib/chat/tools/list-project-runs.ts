import { tool } from "ai";
import { z } from "zod";
import type { Database } from "@/db/client";
import { getRunsByProjectId } from "@/db/queries/runs";
import { getPullRequestsByProjectId } from "@/db/queries/pull-requests";
import type { Project } from "@/db/schema";

/** list_runs for chat: the project's newest runs, each with its link and its pull request. */
export function listProjectRuns({ db, project }: { db: Database; project: Project }) {
  return tool({
    description:
      "List the project's newest runs (what Mergeline was asked to do), with their state and pull request. Cite a " +
      "run by its link, /runs/<id>.",
    inputSchema: z.object({ limit: z.number().int().min(1).max(30).optional().describe("Default 10") }),
    execute: async ({ limit = 10 }) => {
      const [runs, pullRequests] = await Promise.all([
        getRunsByProjectId({ db, projectId: project.id, limit }),
        getPullRequestsByProjectId({ db, projectId: project.id }),
      ]);
      const prOf = new Map(pullRequests.map((pr) => [pr.runId, pr]));
      return {
        ok: true as const,
        runs: runs.map((run) => {
          const pr = prOf.get(run.id);
          return {
            link: `/runs/${run.id}`,
            goal: run.goal.slice(0, 300),
            state: run.state,
            ...(run.stateReason ? { reason: run.stateReason.slice(0, 300) } : {}),
            createdAt: run.createdAt.toISOString(),
            ...(pr ? { pullRequest: { number: pr.number, state: pr.state, url: pr.url } } : {}),
          };
        }),
      };
    },
  });
}
