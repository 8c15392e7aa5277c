import type { OutputLines } from "../output-lines";
import { indentOf } from "./indent-of";

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'"))
    return value.slice(1, -1).replaceAll("''", "'");
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    try {
      return JSON.parse(value) as string;
    } catch {
      return value.slice(1, -1);
    }
  }
  return value;
}

/** A field of a TAP diagnostics block: the value as printed (`raw`) and without YAML quoting (`text`). */
export type YamlField = { raw: string; text: string };

/**
 * The YAML diagnostics block of a TAP test point (tape, node:test), from the line after `---`
 * to the `...` at the same indentation: top-level keys with their scalar, block-scalar
 * (`|-`) or nested values. Only what evidence needs, not a YAML parser.
 */
export function readYamlBlock(
  lines: OutputLines,
  start: number,
  indent: number,
): { fields: Map<string, YamlField>; end: number } {
  const fields = new Map<string, YamlField>();
  let keyIndent = -1;
  let key = "";
  let inline = "";
  let body: string[] = [];
  let bodyIndent = -1;
  const flush = () => {
    if (!key) return;
    if (inline && inline !== "|-" && inline !== "|" && inline !== ">-" && inline !== ">") {
      fields.set(key, { raw: inline, text: unquote(inline) });
    } else {
      while (body.length > 0 && body[body.length - 1]!.trim() === "") body.pop();
      const text = body.map((line) => line.slice(bodyIndent)).join("\n");
      fields.set(key, { raw: text, text });
    }
  };
  let i = start;
  let unclosed = false;
  for (; i < lines.length; i++) {
    const line = lines.get(i)!;
    const lineIndent = indentOf(line);
    if (line.trim() === "..." && lineIndent <= indent) break;
    // A block that never closes (the process died, a reporter cut short): stop before the
    // next test point or comment, which is still read as such.
    if (lineIndent < indent && line.trim() !== "") {
      unclosed = true;
      break;
    }
    if (keyIndent < 0 && line.trim() !== "") keyIndent = lineIndent;
    const colon = line.indexOf(":");
    if (lineIndent === keyIndent && colon > lineIndent) {
      flush();
      key = line.slice(lineIndent, colon);
      inline = line.slice(colon + 1).trim();
      body = [];
      bodyIndent = -1;
    } else if (key) {
      if (line.trim() !== "" && (bodyIndent < 0 || lineIndent < bodyIndent)) bodyIndent = lineIndent;
      body.push(line);
    }
  }
  flush();
  return { fields, end: unclosed ? i - 1 : i };
}
