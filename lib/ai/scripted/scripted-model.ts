import { MockLanguageModelV4 } from "ai/test";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import type { Script, ScriptTurn } from "./script-schema";

// Types of the language model specification (v4), taken from the model class so that no
// undeclared package (@ai-sdk/provider) is imported.
type CallOptions = Parameters<MockLanguageModelV4["doGenerate"]>[0];
type GenerateResult = Awaited<ReturnType<MockLanguageModelV4["doGenerate"]>>;
type StreamResult = Awaited<ReturnType<MockLanguageModelV4["doStream"]>>;
type StreamPart = StreamResult["stream"] extends ReadableStream<infer Part> ? Part : never;

export type ScriptedPurpose = "plan" | "code" | "judge" | "chat" | "review";

const exhaustedTurn: ScriptTurn = { text: "The script has no more turns; stopping here." };

function turnsFor(script: Script, purpose: ScriptedPurpose, attempt: number): ScriptTurn[] {
  if (purpose === "code" || purpose === "review") {
    const attempts = script[purpose];
    if (!attempts) throw new AppError("unavailable:model", `The script "${script.name}" has no "${purpose}" attempts`);
    return attempts[Math.min(Math.max(attempt, 1), attempts.length) - 1]!;
  }
  const turns = script[purpose];
  if (!turns) throw new AppError("unavailable:model", `The script "${script.name}" has no "${purpose}" turns`);
  return turns;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

// Roughly four characters per token: enough for the dashboard to show plausible numbers.
const estimateTokens = (text: string) => Math.ceil(text.length / 4);

function usageOf(turn: ScriptTurn, options: CallOptions, output: string): GenerateResult["usage"] {
  const input = turn.usage?.inputTokens ?? estimateTokens(JSON.stringify(options.prompt));
  const out = turn.usage?.outputTokens ?? estimateTokens(output);
  return {
    inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: out, text: out, reasoning: undefined },
  };
}

/**
 * A real language model (specification v4) that plays a script: each call answers with
 * the next turn of the purpose's list (for "code", of the attempt's list). Deterministic,
 * offline and free; used by tests and by the demo project, and labelled as scripted.
 */
export function createScriptedModel({
  script,
  purpose,
  attempt = 1,
}: {
  script: Script;
  purpose: ScriptedPurpose;
  attempt?: number;
}) {
  const turns = turnsFor(script, purpose, attempt);
  let next = 0;

  async function play(options: CallOptions): Promise<GenerateResult> {
    options.abortSignal?.throwIfAborted();
    const index = next++;
    const turn = turns[index] ?? exhaustedTurn;
    if (index === turns.length)
      logger.warn({ script: script.name, purpose, attempt }, "scripted model ran out of turns");
    if (turn.delayMs) await sleep(turn.delayMs, options.abortSignal);

    const content: GenerateResult["content"] = [];
    const objectText = turn.object === undefined ? undefined : JSON.stringify(turn.object);
    if (turn.text !== undefined) content.push({ type: "text", text: turn.text });
    if (objectText !== undefined) content.push({ type: "text", text: objectText });
    (turn.toolCalls ?? []).forEach((call, i) => {
      if (options.tools && !options.tools.some((tool) => tool.name === call.toolName)) {
        logger.warn(
          { script: script.name, toolName: call.toolName },
          "scripted model calls a tool that was not offered",
        );
      }
      content.push({
        type: "tool-call",
        toolCallId: `scripted-${purpose}-${attempt}-${index}-${i}`,
        toolName: call.toolName,
        input: JSON.stringify(call.input),
      });
    });

    return {
      content,
      // With both text and an object, structured output must parse only the object.
      structuredOutputText: objectText,
      finishReason: turn.toolCalls ? { unified: "tool-calls", raw: "tool_calls" } : { unified: "stop", raw: "stop" },
      usage: usageOf(turn, options, JSON.stringify(content)),
      response: { id: `scripted-${purpose}-${attempt}-${index}`, modelId: "scripted", timestamp: new Date() },
      warnings: [],
    };
  }

  // The AI SDK's own mock class is the spec implementation; it keeps each call's options
  // (doGenerateCalls), which tests inspect and which live only as long as this model.
  return new MockLanguageModelV4({
    provider: "mergeline.scripted",
    modelId: `scripted:${script.name}`,
    doGenerate: play,
    doStream: async (options) => {
      const result = await play(options);
      const parts: StreamPart[] = [{ type: "stream-start", warnings: [] }];
      result.content.forEach((part, i) => {
        if (part.type === "text") {
          parts.push(
            { type: "text-start", id: `t${i}` },
            { type: "text-delta", id: `t${i}`, delta: part.text },
            { type: "text-end", id: `t${i}` },
          );
        } else if (part.type === "tool-call") {
          parts.push(part);
        }
      });
      parts.push({ type: "finish", usage: result.usage, finishReason: result.finishReason });
      return {
        stream: new ReadableStream<StreamPart>({
          start(controller) {
            for (const part of parts) controller.enqueue(part);
            controller.close();
          },
        }),
      };
    },
  });
}
