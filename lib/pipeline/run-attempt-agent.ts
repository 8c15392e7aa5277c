import type { Database } from "@/db/client";
import { getProjectSecretNames } from "@/db/queries/project-secrets";
import type { AgentChoice, Project, Run } from "@/db/schema";
import { cliAgentSpecs } from "@/lib/agents/backends/cli-agent-specs";
import { resolveCliEndpoint } from "@/lib/agents/backends/resolve-cli-endpoint";
import { CliAgentError, runCliAgent } from "@/lib/agents/backends/run-cli-agent";
import { CodingAgentError, type CodingStopReason, runCodingAgent } from "@/lib/agents/coder";
import { buildCoderPrompt, type CoderPromptInput } from "@/lib/agents/prompts";
import { recordTranscript } from "@/lib/agents/record-transcript";
import { readRepositoryInstructions } from "@/lib/agents/repository-instructions";
import { getModel } from "@/lib/ai/models";
import { getModelPrice } from "@/lib/ai/pricing";
import type { ModelUsage } from "@/lib/ai/usage";
import { projectCodeIndex } from "@/lib/code-index/project-code-index";
import { recordUsage } from "@/lib/runs/record-usage";
import { getSandbox } from "@/lib/sandbox";
import { abortSignalForRun } from "@/lib/sandbox/run-aborts";
import { getProjectSecretValues } from "@/lib/secrets";
import { openMcpTools } from "@/lib/agents/backends/open-mcp-tools";
import { resolveMcpServers } from "@/lib/agents/backends/resolve-mcp-servers";
import { env } from "@/lib/platform/env";

const MAX_AGENT_STEPS = 40;

/** The agent a run codes with: its own choice, else the project's, else the built-in agent. */
export function agentOfRun(run: Pick<Run, "agents">, project: Pick<Project, "settings">): AgentChoice {
  return run.agents?.[0] ?? project.settings.agent ?? { backend: "built-in" };
}

/** A label for people: "Codex CLI (gpt-5.1)", or the built-in agent's model label. */
export function agentLabel(choice: AgentChoice, builtInModel: string): string {
  if (choice.backend === "built-in") return builtInModel;
  const spec = cliAgentSpecs[choice.backend];
  return `${spec.label} (${choice.model ?? spec.defaultModel})`;
}

export type AttemptAgentOutcome = {
  label: string;
  finalText: string;
  stepsUsed: number;
  stopReason: CodingStopReason;
  /** The run's minutes ran out while the agent worked: it was stopped. */
  timedOut: boolean;
  /** The repository instruction files the prompt carried. */
  instructions: string[];
  /** The project's MCP servers the built-in agent could not reach (left out, not a failed attempt). */
  mcpUnavailable: string[];
};

/**
 * Runs one coding agent on a prepared workspace for a run: the prompt (with the repository's
 * instruction files), the chosen backend (built-in or a CLI agent in the sandbox, within the
 * run's minutes left), its transcript and its usage recorded under `attempt`.
 */
export async function runAttemptAgent({
  db,
  run,
  project,
  choice,
  workspacePath,
  attempt,
  promptInput,
}: {
  db: Database;
  run: Run;
  project: Project;
  choice: AgentChoice;
  workspacePath: string;
  /** Where usage and the transcript are recorded (a best-of-N candidate has its own). */
  attempt: number;
  promptInput: Omit<CoderPromptInput, "workspacePath" | "repositoryInstructions" | "agentTools" | "codeIndex">;
}): Promise<AttemptAgentOutcome> {
  const instructions = await readRepositoryInstructions({ workspacePath, changedPaths: promptInput.plan.files });
  const recorder = recordTranscript({ db, runId: run.id, purpose: "code", attempt });
  const signal = abortSignalForRun(run.id);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const secretNames = await getProjectSecretNames({ db, projectId: project.id });
  const secrets = secretNames.length > 0 ? await getProjectSecretValues({ db, projectId: project.id }) : {};
  const startedAt = run.startedAt ?? run.createdAt;
  const minutesLeftMs = run.budget.maxMinutes * 60_000 - (Date.now() - startedAt.getTime());
  const mcpServers = resolveMcpServers(project.settings.mcpServers, secrets, {
    allowStdio: env.MERGELINE_ALLOW_STDIO_MCP === "true",
  });

  if (choice.backend === "built-in") {
    const resolved = getModel("code", project, { attempt: promptInput.attempt, goal: run.goal });
    const codeIndex = await projectCodeIndex({ db, project });
    const prompt = await buildCoderPrompt({
      ...promptInput,
      workspacePath,
      repositoryInstructions: instructions,
      codeIndex: codeIndex !== null,
    });
    const record = (usage: ModelUsage) =>
      recordUsage({ db, runId: run.id, purpose: "code", model: resolved, attempt, usage, durationMs: elapsed() });
    // Stdio servers run in this attempt's sandbox and die with it: a cancel (signal), the
    // run's minutes (their lifetime), or the attempt's end (close below).
    const mcp = await openMcpTools(mcpServers, {
      sandbox: getSandbox(),
      workspacePath,
      redact: Object.values(secrets),
      signal,
      maxLifetimeMs: Math.max(1000, minutesLeftMs),
    });
    try {
      const result = await runCodingAgent({
        model: resolved.model,
        workspacePath,
        sandbox: getSandbox(),
        prompt,
        maxSteps: MAX_AGENT_STEPS,
        signal,
        recorder,
        codeIndex,
        extraTools: mcp.tools,
        redact: Object.values(secrets),
      });
      await record(result.usage);
      return {
        label: resolved.label,
        ...result,
        timedOut: false,
        instructions: instructions.map((file) => file.path),
        mcpUnavailable: mcp.unavailable,
      };
    } catch (error) {
      if (error instanceof CodingAgentError) await record(error.partial.usage);
      throw error;
    } finally {
      await mcp.close();
    }
  }

  const spec = cliAgentSpecs[choice.backend];
  const endpoint = resolveCliEndpoint(spec, choice, secrets);
  const prompt = await buildCoderPrompt({
    ...promptInput,
    workspacePath,
    repositoryInstructions: instructions,
    agentTools: "own",
  });
  const model = { id: `${spec.id}:${endpoint.model}`, price: getModelPrice(`openai:${endpoint.model}`) };
  const record = (usage: ModelUsage, reportedCostUsd: number | null) =>
    recordUsage({ db, runId: run.id, purpose: "code", model, attempt, usage, durationMs: elapsed(), reportedCostUsd });
  try {
    const result = await runCliAgent({
      spec,
      endpoint,
      workspacePath,
      sandbox: getSandbox(),
      prompt,
      timeoutMs: minutesLeftMs,
      signal,
      redact: Object.values(secrets),
      recorder,
      mcpServers,
    });
    await record(result.usage, result.costUsd);
    return {
      label: agentLabel({ ...choice, model: endpoint.model }, ""),
      finalText: result.finalText,
      stepsUsed: result.stepsUsed,
      stopReason: result.stopReason,
      timedOut: result.timedOut,
      instructions: instructions.map((file) => file.path),
      // A CLI agent reaches the servers itself (its own config): its transcript says when one fails.
      mcpUnavailable: [],
    };
  } catch (error) {
    if (error instanceof CliAgentError) await record(error.partial.usage, error.partial.costUsd);
    throw error;
  }
}
