import { hasNul } from "@/lib/platform/has-nul";
import { escapedLines } from "./escaped-lines";
import { LineOffsets } from "./line-offsets";
import { OutputLines } from "./output-lines";

/** Longer lines are cut: a minified bundle or a base64 blob on one line is not evidence. */
const MAX_LINE_CHARS = 2000;

/** A line redrawn with carriage returns (a progress bar): its last state. */
function lastState(line: string): string {
  const trimmed = line.replace(/\r+$/, "");
  const last = trimmed.lastIndexOf("\r");
  return last >= 0 ? trimmed.slice(last + 1) : trimmed;
}

/** The lines of an output without escapes, found with indexOf: NUL bytes out first. */
function plainLines(output: string): { text: string; offsets: LineOffsets; count: number } {
  const text = hasNul(output) ? output.replaceAll("\0", "") : output;
  let offsets = LineOffsets.forLength(text.length);
  let { starts, indents, firsts } = offsets;
  let count = 0;
  let at = 0;
  while (at < text.length) {
    if (count + 1 >= starts.length) {
      offsets = offsets.grown();
      ({ starts, indents, firsts } = offsets);
    }
    let visible = at;
    while (text.charCodeAt(visible) === 32) visible++;
    indents[count] = visible - at;
    starts[count] = at;
    const end = text.indexOf("\n", at);
    firsts[count++] = visible < (end < 0 ? text.length : end) ? text.charCodeAt(visible) : -1;
    at = end < 0 ? text.length + 1 : end + 1;
  }
  // Where a line after the last would start: past the last line's newline, or past the end as if one followed.
  // A final newline ends the last line; it does not start an empty one.
  starts[count] = at;
  return { text, offsets, count };
}

/**
 * The lines of a command's raw output: without ANSI escapes and NUL bytes, CRLF as LF, a line
 * redrawn with carriage returns (progress bars) as its last state, and no line longer than
 * MAX_LINE_CHARS. Lines are found with indexOf (in colored output, while its escapes are taken
 * out: escapedLines) and read on demand (OutputLines), so the output is never split into an
 * array of strings. Other control characters are rare and harmless to the parsers: they are
 * dropped from what the parse returns (stripControls), which costs far less than a pass over 5 MB.
 */
export function cleanOutput(output: string): { lines: OutputLines } {
  const { text, offsets, count } = output.includes("\x1b") ? escapedLines(output) : plainLines(output);
  const { starts, indents, firsts } = offsets;
  const replaced = new Map<number, string>();
  for (let i = 0; i < count; i++) {
    if (starts[i + 1]! - starts[i]! - 1 > MAX_LINE_CHARS) replaced.set(i, text.slice(starts[i]!, starts[i + 1]! - 1));
  }
  let carriage = text.indexOf("\r");
  if (carriage >= 0) {
    // Only the lines that hold a carriage return, found by indexOf: the others cost nothing.
    let line = 0;
    while (carriage >= 0) {
      while (starts[line + 1]! <= carriage) line++;
      replaced.set(line, lastState(replaced.get(line) ?? text.slice(starts[line]!, starts[line + 1]! - 1)));
      carriage = text.indexOf("\r", starts[line + 1]!);
    }
  }
  for (const [i, line] of replaced) {
    const kept = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)} [...]` : line;
    replaced.set(i, kept);
    let visible = 0;
    while (visible < kept.length && kept.charCodeAt(visible) === 32) visible++;
    indents[i] = visible;
    firsts[i] = visible < kept.length ? kept.charCodeAt(visible) : -1;
  }
  return { lines: new OutputLines(text, offsets, count, replaced) };
}
