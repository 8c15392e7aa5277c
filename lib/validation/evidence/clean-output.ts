import { hasNul } from "@/lib/platform/has-nul";
import { OutputLines } from "./output-lines";

// Runs of escape sequences: CSI (colors, cursor moves), OSC (titles, hyperlinks) and two-byte
// escapes. A run is one match (colored output puts several side by side: fewer matches, same
// result). Each alternative starts with ESC and is linear, so a hostile 5 MB output cannot make it backtrack.
const escapes =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is what this pattern is for
  /(?:\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_]))+/g;

/** Longer lines are cut: a minified bundle or a base64 blob on one line is not evidence. */
const MAX_LINE_CHARS = 2000;

/** A line redrawn with carriage returns (a progress bar): its last state. */
function lastState(line: string): string {
  const trimmed = line.replace(/\r+$/, "");
  const last = trimmed.lastIndexOf("\r");
  return last >= 0 ? trimmed.slice(last + 1) : trimmed;
}

/**
 * The lines of a command's raw output: without ANSI escapes and NUL bytes, CRLF as LF, a line
 * redrawn with carriage returns (progress bars) as its last state, and no line longer than
 * MAX_LINE_CHARS. Lines are found with indexOf and read on demand (OutputLines), so the
 * output is never split into an array of strings. Other control characters are rare and
 * harmless to the parsers: they are dropped from what the parse returns (stripControls),
 * which costs far less than a pass over 5 MB.
 */
export function cleanOutput(output: string): { lines: OutputLines } {
  let text = output.includes("\x1b") ? output.replace(escapes, "") : output;
  if (hasNul(text)) text = text.replaceAll("\0", "");
  let starts = new Int32Array(Math.max(16, Math.ceil(text.length / 32)));
  // Each line's leading spaces and first visible character (-1 for a blank line), read once
  // here for the detection and the parsers.
  let indents = new Int32Array(starts.length);
  let firsts = new Int32Array(starts.length);
  let count = 0;
  let at = 0;
  while (at < text.length) {
    if (count + 1 >= starts.length) {
      const grown = new Int32Array(starts.length * 2);
      grown.set(starts);
      starts = grown;
      const grownIndents = new Int32Array(starts.length);
      grownIndents.set(indents);
      indents = grownIndents;
      const grownFirsts = new Int32Array(starts.length);
      grownFirsts.set(firsts);
      firsts = grownFirsts;
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
  return { lines: new OutputLines(text, { starts, indents, firsts }, count, replaced) };
}
