import type { OutputLines } from "./output-lines";
// Markers of a failure in output no parser knows, strongest first.
const strong =
  /^Traceback \(most recent call last\)|^panic: |^(?:Uncaught )?(?:[\w$]+\.)*(?:[A-Z]\w*)?(?:Error|Exception)\b(?: \[\w+\])?:|^error(?:\[\w+\])?:|^fatal:|^FATAL\b|npm ERR!|^npm error\b|✗ Build failed|^Error during|^error during|^\s*at Object\.<anonymous>|\bSegmentation fault\b|^make(?:\[\d+\])?: \*\*\*/;
const weak = /\b(?:error|errors|failed|failure|failures|fatal|exception|assert(?:ion)?|panic|cannot|not found)\b/i;
const zero = /\b(?:0|no) (?:errors?|failed|failures?)\b/i;

const BEFORE = 3;
const AFTER = 30;
const LAST_BEFORE = 12;
const LAST_AFTER = 4;

function window(lines: OutputLines, from: number, to: number): string {
  return lines.slice(Math.max(0, from), Math.min(lines.length, to)).join("\n");
}

/**
 * The lines around the first failure marker of an output (and around the last strong one,
 * when it is further down, as the final error of a Python traceback is): what a person
 * scrolls to first. The end of the output only when nothing looks like a failure.
 */
export function failureExcerpt(lines: OutputLines, maxChars = 4000): string {
  // The first strong marker from the start and the last from the end: the lines between them
  // (most of a long output) need no pattern. A weak marker counts only where no line is strong.
  let first = -1;
  let firstWeak = -1;
  for (let i = 0; i < lines.length && first < 0; i++) {
    const line = lines.get(i)!;
    if (strong.test(line)) first = i;
    else if (firstWeak < 0 && weak.test(line) && !zero.test(line)) firstWeak = i;
  }
  let last = first;
  for (let i = lines.length - 1; first >= 0 && i > first; i--) {
    if (strong.test(lines.get(i)!)) {
      last = i;
      break;
    }
  }
  if (first < 0) first = last = firstWeak;
  let text: string;
  if (first < 0) text = window(lines, lines.length - 40, lines.length);
  else {
    text = window(lines, first - BEFORE, first + AFTER);
    if (last > first + AFTER - LAST_AFTER) {
      const gap = last - LAST_BEFORE > first + AFTER ? "\n[...]\n" : "\n";
      text += gap + window(lines, Math.max(first + AFTER, last - LAST_BEFORE), last + LAST_AFTER);
    }
  }
  return text.length > maxChars ? `${text.slice(0, maxChars)}\n[...]` : text;
}
