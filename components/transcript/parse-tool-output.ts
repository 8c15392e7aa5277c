export type ToolOutput = {
  /** The result's one-line fields (ok, exitCode, durationMs...), when it was an object. */
  fields: Record<string, unknown> | null;
  /** Its multi-line fields (a command's output, a file's content), each under its name. */
  sections: { name: string; text: string }[];
  /** The whole text, for a result of any other shape. */
  text: string;
};

const SECTION = /\n\n--- ([\w.-]+) ---\n/g;

/**
 * A tool's recorded result (lib/agents/record-transcript-messages.ts writes the one-line
 * fields as JSON, then each multi-line field after a `--- name ---` line) read back into
 * its parts, so the page shows a command's output as text rather than escaped JSON.
 */
export function parseToolOutput(text: string): ToolOutput {
  const marks = [...text.matchAll(SECTION)];
  const head = marks.length > 0 ? text.slice(0, marks[0]!.index) : text;
  let fields: Record<string, unknown> | null = null;
  if (head.trimStart().startsWith("{")) {
    try {
      const value: unknown = JSON.parse(head);
      if (value && typeof value === "object" && !Array.isArray(value)) fields = value as Record<string, unknown>;
    } catch {
      fields = null;
    }
  }
  if (!fields) return { fields: null, sections: [], text };
  const sections = marks.map((mark, index) => ({
    name: mark[1]!,
    text: text.slice(mark.index + mark[0].length, marks[index + 1]?.index ?? text.length),
  }));
  return { fields, sections, text };
}
