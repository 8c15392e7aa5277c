import { generateText, isStepCount, type LanguageModel, type ToolSet } from "ai";
import type { TranscriptRecorder } from "@/lib/agents/record-transcript";
import { compactJson, stepEntries, type TranscriptEntry } from "@/lib/agents/transcript";
import type { ModelPrompt } from "@/lib/agents/prompts";
import { codingTools } from "@/lib/agents/tools/coding-tools";
import { addUsage, type ModelUsage, toModelUsage, zeroUsage } from "@/lib/ai/usage";
import type { ProjectCodeIndex } from "@/lib/code-index/project-code-index";
import { logger } from "@/lib/platform/logger";
import type { SandboxDriver } from "@/lib/sandbox/types";

export type RunCodingAgentOptions = {
  model: LanguageModel;
  workspacePath: string;
  sandbox: SandboxDriver;
  /** From buildCoderPrompt. */
  prompt: ModelPrompt;
  /** Model calls allowed; each step is one call plus the tools it asked for. */
  maxSteps: number;
  signal?: AbortSignal;
  /** Variables for run_command (declared secrets...). */
  commandEnv?: Record<string, string>;
  /** Secret values kept out of command output and the transcript. */
  redact?: string[];
  /** Records the prompt and every step as it ends (the run page's transcript). */
  recorder?: TranscriptRecorder;
  /** The project's code index: search_code and find_symbol are offered with it. */
  codeIndex?: ProjectCodeIndex | null;
  /** More tools (the project's MCP servers'), beside the coding tools. */
  extraTools?: ToolSet;
};

export type CodingStopReason = "finished" | "max-steps" | "aborted";

export type CodingAgentResult = {
  transcript: TranscriptEntry[];
  usage: ModelUsage;
  finalText: string;
  stepsUsed: number;
  stopReason: CodingStopReason;
};

/** A model or provider failure mid-run; carries what was spent so the caller can still record it. */
export class CodingAgentError extends Error {
  constructor(
    readonly partial: Omit<CodingAgentResult, "stopReason" | "finalText">,
    options: { cause: unknown },
  ) {
    super(
      `The coding agent failed after ${partial.stepsUsed} steps: ${options.cause instanceof Error ? options.cause.message : String(options.cause)}`,
      options,
    );
    this.name = "CodingAgentError";
  }
}

/**
 * Runs the coding agent's bounded tool loop in a workspace. Stops when the model answers
 * without tool calls, after `maxSteps` model calls, or when `signal` aborts; an abort is
 * a result (stopReason "aborted"), not an error, so the usage spent so far is kept.
 */
export async function runCodingAgent(options: RunCodingAgentOptions): Promise<CodingAgentResult> {
  const {
    model,
    workspacePath,
    sandbox,
    prompt,
    maxSteps,
    signal,
    commandEnv,
    redact,
    recorder,
    codeIndex,
    extraTools,
  } = options;
  recorder?.prompt(prompt);
  const compact = { redact };
  const transcript: TranscriptEntry[] = [
    {
      type: "prompt",
      instructions: compactJson(prompt.instructions, { ...compact, maxString: 8000 }) as string,
      prompt: compactJson(prompt.prompt, { ...compact, maxString: 20_000 }) as string,
    },
  ];
  let usage = zeroUsage;
  let stepsUsed = 0;
  const started = performance.now();

  let finalText = "";
  let stopReason: CodingStopReason;
  try {
    const result = await generateText({
      model,
      instructions: prompt.instructions,
      prompt: prompt.prompt,
      tools: { ...extraTools, ...codingTools({ workspacePath, sandbox, commandEnv, redact, codeIndex }) },
      stopWhen: isStepCount(Math.max(1, Math.floor(maxSteps))),
      abortSignal: signal,
      // One at a time: file edits and commands in the same workspace must not interleave.
      toolCallConcurrency: 1,
      // Usage per model call, so a call whose step never finishes (abort) is still counted.
      onLanguageModelCallEnd: (event) => {
        usage = addUsage(usage, toModelUsage(event.usage));
      },
      onStepEnd: (step) => {
        stepsUsed++;
        transcript.push(...stepEntries(step, compact));
        recorder?.step(step);
      },
    });
    finalText = result.text;
    stopReason = result.finalStep.finishReason === "tool-calls" && stepsUsed >= maxSteps ? "max-steps" : "finished";
  } catch (error) {
    if (!signal?.aborted) {
      logger.warn({ err: error, stepsUsed }, "coding agent failed");
      throw new CodingAgentError({ transcript, usage, stepsUsed }, { cause: error });
    }
    stopReason = "aborted";
  } finally {
    await recorder?.flush();
  }

  logger.info(
    { stepsUsed, stopReason, ...usage, durationMs: Math.round(performance.now() - started) },
    "coding agent stopped",
  );
  return {
    transcript,
    usage,
    finalText: redact ? (compactJson(finalText, { redact, maxString: 20_000 }) as string) : finalText,
    stepsUsed,
    stopReason,
  };
}
