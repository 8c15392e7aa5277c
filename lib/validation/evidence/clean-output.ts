// Escape sequences: CSI (colors, cursor moves), OSC (titles, hyperlinks) and two-byte escapes.
// Each alternative is linear: no nested quantifiers, so a hostile 5 MB output cannot make it backtrack.
const escapes =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is what this pattern is for
  /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])/g;

/** Longer lines are cut: a minified bundle or a base64 blob on one line is not evidence. */
const MAX_LINE_CHARS = 2000;

/**
 * Text and lines from a command's raw output: without ANSI escapes and NUL bytes, CRLF as LF,
 * a line redrawn with carriage returns (progress bars) as its last state, and no line longer
 * than MAX_LINE_CHARS. Other control characters are rare and harmless to the parsers: they
 * are dropped from what the parse returns (stripControls), which costs far less than a pass
 * over 5 MB.
 */
export function cleanOutput(output: string): { text: string; lines: string[] } {
  let text = output.includes("\x1b") ? output.replace(escapes, "") : output;
  if (text.includes("\0")) text = text.replaceAll("\0", "");
  const lines = text.split("\n");
  const hasReturns = text.includes("\r");
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (line.length <= MAX_LINE_CHARS && !hasReturns) continue;
    if (line.includes("\r")) {
      line = line.replace(/\r+$/, "");
      const last = line.lastIndexOf("\r");
      if (last >= 0) line = line.slice(last + 1);
    }
    if (line.length > MAX_LINE_CHARS) line = `${line.slice(0, MAX_LINE_CHARS)} [...]`;
    lines[i] = line;
  }
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return { text, lines };
}
