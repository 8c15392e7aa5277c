import type { Database } from "@/db/client";
import { getProjectSecretNames } from "@/db/queries/project-secrets";
import type { AgentChoice, Project } from "@/db/schema";
import { AppError } from "@/lib/platform/errors";

export type RunAgentsInput = {
  /** The agent of this run (overrides the project's). */
  agent?: AgentChoice | null;
  /** Best-of-N with different agents: one choice per parallel attempt (1 to 4). */
  agents?: AgentChoice[] | null;
  /** Best-of-N with one agent: this many parallel attempts (1 to 4). */
  attempts?: number | null;
};

/**
 * What a run stores as its agents (runs.agents): null when it asked for nothing (the
 * project's agent codes), else one choice per parallel attempt. A key secret a choice names
 * must exist in the project, and `attempts` must agree with `agents`: a 400 otherwise, with
 * nothing created.
 */
export async function runAgentsFor({
  db,
  project,
  input,
}: {
  db: Database;
  project: Project;
  input: RunAgentsInput;
}): Promise<AgentChoice[] | null> {
  const { agent, agents, attempts } = input;
  if (agent && agents?.length)
    throw new AppError("bad_request:agents", "Give either agent (one agent, `attempts` times) or agents, not both");
  if (agents?.length && attempts && attempts !== agents.length)
    throw new AppError("bad_request:attempts", `attempts is ${attempts} but agents lists ${agents.length}`);
  if (attempts !== undefined && attempts !== null && (!Number.isInteger(attempts) || attempts < 1 || attempts > 4))
    throw new AppError("bad_request:attempts", "attempts is 1 to 4 parallel attempts");
  const choices = agents?.length
    ? agents
    : agent || (attempts ?? 1) > 1
      ? Array.from({ length: attempts ?? 1 }, () => agent ?? project.settings.agent ?? { backend: "built-in" as const })
      : null;
  if (!choices) return null;
  if (choices.length > 4) throw new AppError("bad_request:agents", "At most 4 parallel attempts");
  const names = new Set((await getProjectSecretNames({ db, projectId: project.id })).map((secret) => secret.name));
  for (const choice of choices) {
    if (choice.apiKeySecret && !names.has(choice.apiKeySecret))
      throw new AppError(
        "bad_request:agents",
        `The project has no secret ${choice.apiKeySecret} to take the ${choice.backend} agent's key from`,
      );
  }
  return choices;
}
