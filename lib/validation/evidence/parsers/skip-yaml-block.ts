import type { OutputLines } from "../output-lines";
import { parseLocation } from "./locations";

/** Past a YAML block not read, noting only the test's `location` file; `end` is its last line. */
export function skipYamlBlock(lines: OutputLines, start: number, indent: number): { end: number; origin?: string } {
  let origin: string | undefined;
  let end = start;
  while (end < lines.length) {
    // Read from the text: only a `location:` line is made into a string.
    const lineIndent = lines.indentOf(end);
    if (lineIndent === indent) {
      if (lines.startsWith(end, "...", indent)) break;
      if (lines.startsWith(end, "location: ", indent)) {
        const value = lines
          .get(end)!
          .slice(indent + 10)
          .trim();
        origin = parseLocation(value.replace(/^'(.*)'$/, "$1"))?.file;
      }
    }
    // Never closed: the less indented line is read again as a test point or comment.
    if (lineIndent < indent && lineIndent < lines.lengthOf(end)) {
      end--;
      break;
    }
    end++;
  }
  return { end, origin };
}
