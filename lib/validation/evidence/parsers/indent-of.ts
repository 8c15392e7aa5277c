/** The number of leading spaces: parsers look at the first visible character before trying a pattern. */
export function indentOf(line: string): number {
  // Bounded by the length: reading past the end of a string is a slow path in V8.
  const length = line.length;
  let i = 0;
  while (i < length && line.charCodeAt(i) === 32) i++;
  return i;
}

/** The character code at `index`, or -1 past the end (no out-of-bounds read). */
export function codeAt(line: string, index: number): number {
  return index < line.length ? line.charCodeAt(index) : -1;
}
