import { generateText, type LanguageModel, NoObjectGeneratedError, Output } from "ai";
import type { PlanContent } from "@/db/schema";
import { planOutputSchema } from "@/lib/agents/plan-schema";
import type { TranscriptRecorder } from "@/lib/agents/record-transcript";
import { buildPlannerPrompt, type PlannerInput } from "@/lib/agents/prompts";
import { type ModelUsage, toModelUsage } from "@/lib/ai/usage";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";

export type ProposedPlan = { plan: PlanContent; usage: ModelUsage; durationMs: number };

/** The model answered, but not with a valid plan. The tokens were spent: `usage` says how many. */
export class InvalidPlanError extends AppError {
  constructor(
    message: string,
    readonly usage: ModelUsage,
  ) {
    super("unavailable:plan", message);
    this.name = "InvalidPlanError";
  }
}

/**
 * Asks the model for a plan with structured output and returns it validated. Usage is
 * returned, not recorded: the pipeline records it with the run (recordModelCall).
 */
export async function proposePlan({
  model,
  input,
  signal,
  recorder,
}: {
  model: LanguageModel;
  input: PlannerInput;
  signal?: AbortSignal;
  /** Records the prompt and the model's answer (the run page's transcript). */
  recorder?: TranscriptRecorder;
}): Promise<ProposedPlan> {
  const { instructions, prompt } = buildPlannerPrompt(input);
  recorder?.prompt({ instructions, prompt });
  const started = performance.now();
  try {
    const result = await generateText({
      model,
      instructions,
      prompt,
      output: Output.object({ schema: planOutputSchema, name: "plan", description: "The implementation plan" }),
      abortSignal: signal,
      onStepEnd: recorder && ((step) => recorder.step(step)),
    });
    const durationMs = Math.round(performance.now() - started);
    logger.info({ durationMs, steps: result.output.steps.length, files: result.output.files.length }, "plan proposed");
    return { plan: result.output, usage: toModelUsage(result.usage), durationMs };
  } catch (error) {
    if (NoObjectGeneratedError.isInstance(error)) {
      logger.warn({ err: error, text: error.text?.slice(0, 2000) }, "the model's plan did not match the schema");
      const reason = error.cause instanceof Error ? error.cause.message : error.message;
      throw new InvalidPlanError(`The model did not return a valid plan: ${reason}`, toModelUsage(error.usage));
    }
    throw error;
  } finally {
    await recorder?.flush();
  }
}
