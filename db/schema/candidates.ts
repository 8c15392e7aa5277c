import { boolean, integer, jsonb, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import type { AgentChoice } from "./projects";
import { runs } from "./runs";

export type CandidateStatus = "coding" | "passed" | "failed" | "errored" | "cancelled";

// Best-of-N: one row per parallel attempt of a run's first coding round, each on a branch
// of its own (`mergeline/run-<id>-<n>`). The winner's commit becomes the run's branch; the
// others stay as candidates a person can pick instead before merging.
export const runCandidates = pgTable(
  "run_candidates",
  {
    id: id(),
    runId: uuid()
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    // 1 to 4; also the attempt number of its transcript (purpose "code", attempt 100 + n).
    index: integer().notNull(),
    agent: jsonb().$type<AgentChoice>().notNull(),
    branch: text().notNull(),
    sha: text(),
    status: text().$type<CandidateStatus>().notNull().default("coding"),
    // Validation: the test commands run on the candidate's commit, passed or not, and why.
    summary: text(),
    // Lines added plus removed against the base: the tie-breaker among passing candidates.
    diffLines: integer(),
    filesChanged: integer(),
    durationMs: integer(),
    costUsd: text(),
    chosen: boolean().notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [unique().on(table.runId, table.index)],
);

export type RunCandidate = typeof runCandidates.$inferSelect;
