/** A TAP test point: `ok 3 - name`, `not ok 4 name # SKIP why`, indented for a subtest. */
export type TapPoint = { indent: number; ok: boolean; description: string };

function isWordCode(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 // _
  );
}

/** Where a run of `code` characters starting at `at` ends. */
function skip(line: string, at: number, code: number): number {
  while (at < line.length && line.charCodeAt(at) === code) at++;
  return at;
}

/**
 * The test point a line holds, as /^( *)(not ok|ok)\b *(\d+)?(?: *- *| +|$)(.*)$/ reads it
 * (indent, `ok`, the description after the number and a `-`), or undefined where it does not
 * match. Read by its characters: the pattern's match array and captures cost more than the rest
 * of a test point's handling, and a long TAP stream is mostly test points.
 */
export function readTapPoint(line: string): TapPoint | undefined {
  const indent = skip(line, 0, 32);
  let at: number;
  let ok: boolean;
  if (line.startsWith("not ok", indent)) {
    at = indent + 6;
    ok = false;
  } else if (line.startsWith("ok", indent)) {
    at = indent + 2;
    ok = true;
  } else return undefined;
  if (at < line.length && isWordCode(line.charCodeAt(at))) return undefined;
  // `(.*)$` reads to the end of the line: a line separator anywhere after `ok` fails the match.
  for (let k = at; k < line.length; k++) {
    const code = line.charCodeAt(k);
    if (code === 13 || code === 10 || code === 0x2028 || code === 0x2029) return undefined;
  }
  const spaced = skip(line, at, 32);
  let digits = spaced;
  while (digits < line.length && line.charCodeAt(digits) >= 48 && line.charCodeAt(digits) <= 57) digits++;
  const dash = skip(line, digits, 32);
  if (dash < line.length && line.charCodeAt(dash) === 45) {
    return { indent, ok, description: line.slice(skip(line, dash + 1, 32)) };
  }
  if (dash > digits || digits === line.length) return { indent, ok, description: line.slice(dash) };
  // Digits run into other characters (`ok 12abc`): the pattern gives them back, and the
  // description starts after the spaces, number and all.
  return spaced > at ? { indent, ok, description: line.slice(spaced) } : undefined;
}
