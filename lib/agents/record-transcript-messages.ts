import type { AgentMessageValues } from "@/db/queries/transcripts";
import { compactJson, stepEntries, type TranscriptStep } from "@/lib/agents/transcript";

// What the run page can show of one message without the page growing unbounded.
const MAX_TEXT = 20_000;
const MAX_TOOL_OUTPUT = 12_000;

const multiline = (value: unknown): value is string => typeof value === "string" && value.includes("\n");

/** A tool's result as text: multi-line fields (a file's content, a command's output) as themselves, not escaped JSON. */
function asText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value);
    const long = entries.filter(([, field]) => multiline(field));
    if (long.length > 0) {
      const rest = Object.fromEntries(entries.filter(([, field]) => !multiline(field)));
      return [JSON.stringify(rest, null, 2), ...long.map(([key, field]) => `--- ${key} ---\n${String(field)}`)].join(
        "\n\n",
      );
    }
  }
  return JSON.stringify(value, null, 2);
}

/** The prompt of a model call as two messages (instructions, then the prompt), redacted and trimmed. */
export function promptMessages(
  { instructions, prompt }: { instructions: string; prompt: string },
  redact: string[],
): AgentMessageValues[] {
  const compact = (text: string) => compactJson(text, { redact, maxString: MAX_TEXT }) as string;
  return [
    { step: 0, role: "system", content: compact(instructions) },
    { step: 0, role: "user", content: compact(prompt) },
  ];
}

/**
 * The messages of one finished step of the tool loop: the model's text, and each tool
 * call with its result (or error) in one message, so the page can show them together.
 */
export function stepMessages(step: TranscriptStep, redact: string[]): AgentMessageValues[] {
  const messages: AgentMessageValues[] = [];
  const calls = new Map<string, AgentMessageValues>();
  // stepNumber is 0-based in the AI SDK; 0 is kept for the prompt here.
  const stepNumber = step.stepNumber + 1;
  for (const entry of stepEntries(step, { redact, maxString: 4000 })) {
    if (entry.type === "text") {
      messages.push({
        step: stepNumber,
        role: "assistant",
        content: compactJson(entry.text, { redact, maxString: MAX_TEXT }) as string,
      });
    } else if (entry.type === "tool-call") {
      const message: AgentMessageValues = {
        step: stepNumber,
        role: "tool",
        toolCallId: entry.toolCallId,
        toolName: entry.toolName,
        toolInput: entry.input ?? null,
      };
      calls.set(entry.toolCallId, message);
      messages.push(message);
    } else if (entry.type === "tool-result" || entry.type === "tool-error") {
      let message = calls.get(entry.toolCallId);
      if (!message) {
        // A result without its call in this step (provider-executed tools): keep it on its own.
        message = { step: stepNumber, role: "tool", toolCallId: entry.toolCallId, toolName: entry.toolName };
        messages.push(message);
      }
      if (entry.type === "tool-result")
        message.toolOutput = compactJson(asText(entry.output), { redact, maxString: MAX_TOOL_OUTPUT }) as string;
      else message.toolError = compactJson(entry.error, { redact, maxString: MAX_TOOL_OUTPUT }) as string;
    }
  }
  return messages;
}
