import { redactText, trimMiddle } from "@/lib/agents/prompt-text";

/** One line of a coding run's stored record: JSON-serialisable, trimmed, secrets redacted. */
export type TranscriptEntry =
  | { type: "prompt"; instructions: string; prompt: string }
  | { type: "text"; step: number; text: string }
  | { type: "tool-call"; step: number; toolCallId: string; toolName: string; input: unknown }
  | { type: "tool-result"; step: number; toolCallId: string; toolName: string; output: unknown }
  | { type: "tool-error"; step: number; toolCallId: string; toolName: string; error: string };

/** The parts of a step the transcript keeps (structurally what the AI SDK's StepResult has). */
export type TranscriptStep = {
  stepNumber: number;
  content: ReadonlyArray<
    | { type: "text"; text: string }
    | { type: "tool-call"; toolCallId: string; toolName: string; input: unknown }
    | { type: "tool-result"; toolCallId: string; toolName: string; output: unknown }
    | { type: "tool-error"; toolCallId: string; toolName: string; error: unknown }
    | { type: string }
  >;
};

export type CompactOptions = { maxString?: number; maxArray?: number; maxDepth?: number; redact?: string[] };

/**
 * A copy of a JSON-like value small enough to store: long strings cut in the middle,
 * long arrays cut with a count, deep nesting summarised, secrets redacted.
 */
export function compactJson(value: unknown, options: CompactOptions = {}, depth = 0): unknown {
  const { maxString = 2000, maxArray = 100, maxDepth = 8, redact } = options;
  if (typeof value === "string") return trimMiddle(redactText(value, redact), maxString);
  if (value === null || typeof value === "number" || typeof value === "boolean") return value;
  if (value === undefined) return null;
  if (depth >= maxDepth) return "[nested value cut]";
  if (Array.isArray(value)) {
    const kept = value.slice(0, maxArray).map((item) => compactJson(item, options, depth + 1));
    return value.length > maxArray ? [...kept, `[... ${value.length - maxArray} more]`] : kept;
  }
  if (typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, compactJson(item, options, depth + 1)]));
  }
  return String(value);
}

const errorText = (error: unknown) =>
  error instanceof Error ? error.message : typeof error === "string" ? error : JSON.stringify(error);

/** The transcript entries of one finished step of the tool loop. */
export function stepEntries(step: TranscriptStep, options: CompactOptions = {}): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  const stepNumber = step.stepNumber;
  for (const part of step.content) {
    if (part.type === "text" && "text" in part) {
      if (part.text.trim())
        entries.push({
          type: "text",
          step: stepNumber,
          text: compactJson(part.text, { ...options, maxString: 8000 }) as string,
        });
    } else if (part.type === "tool-call" && "input" in part) {
      entries.push({
        type: "tool-call",
        step: stepNumber,
        toolCallId: part.toolCallId,
        toolName: part.toolName,
        input: compactJson(part.input, options),
      });
    } else if (part.type === "tool-result" && "output" in part) {
      entries.push({
        type: "tool-result",
        step: stepNumber,
        toolCallId: part.toolCallId,
        toolName: part.toolName,
        output: compactJson(part.output, options),
      });
    } else if (part.type === "tool-error" && "error" in part) {
      const error = compactJson(errorText(part.error), options) as string;
      entries.push({
        type: "tool-error",
        step: stepNumber,
        toolCallId: part.toolCallId,
        toolName: part.toolName,
        error,
      });
    }
  }
  return entries;
}
