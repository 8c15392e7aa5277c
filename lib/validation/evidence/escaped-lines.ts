import os from "node:os";
import { LineOffsets } from "./line-offsets";

const ESC = 27;
// The code units are read through a Uint16Array, in the machine's byte order (s390x is big-endian).
const bigEndian = os.endianness() === "BE";

/**
 * The end of the escape sequence at `at` (where `codes[at]` is ESC), or `at` when none starts
 * there: CSI `ESC [ params intermediates final` (colors, cursor moves), OSC `ESC ] ... (BEL |
 * ESC \ )?` (titles, hyperlinks; unterminated, it runs to the next ESC or the end), or a
 * two-byte escape `ESC [@-Z\\-_]`. The same sequences as the pattern
 * /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])/, read left to right.
 */
function escapeEnd(codes: Uint16Array, at: number, length: number): number {
  const next = at + 1 < length ? codes[at + 1]! : -1;
  if (next === 91) {
    let k = at + 2;
    while (k < length && codes[k]! >= 0x30 && codes[k]! <= 0x3f) k++;
    while (k < length && codes[k]! >= 0x20 && codes[k]! <= 0x2f) k++;
    return k < length && codes[k]! >= 0x40 && codes[k]! <= 0x7e ? k + 1 : at;
  }
  if (next === 93) {
    let k = at + 2;
    while (k < length && codes[k] !== 7 && codes[k] !== ESC) k++;
    if (k < length && codes[k] === 7) k++;
    else if (k + 1 < length && codes[k + 1] === 92) k += 2;
    return k;
  }
  return (next >= 0x40 && next <= 0x5a) || (next >= 0x5c && next <= 0x5f) ? at + 2 : at;
}

/** The first `length` code units written back, as a string. */
function textOf(buffer: Buffer, length: number): string {
  const bytes = buffer.subarray(0, length * 2);
  if (bigEndian) bytes.swap16();
  return bytes.toString("utf16le");
}

/**
 * A colored output without its escape sequences and NUL bytes, and its lines' offsets, in one
 * pass over a copy of its UTF-16 code units. A regex replace of the 300,000-600,000 escapes
 * of 5 MB of colored output builds a rope of as many pieces, which the first read of the text
 * then flattens (10 ms and 8 ms, and most of the parse's garbage); this pass writes the text
 * once, flat, and finds the lines on the way (about 10 ms in all). Output without ESC does
 * not come here: indexOf finds its lines faster than any loop over its characters.
 */
export function escapedLines(output: string): { text: string; offsets: LineOffsets; count: number } {
  const length = output.length;
  const buffer = Buffer.from(output, "utf16le");
  if (bigEndian) buffer.swap16();
  const codes = new Uint16Array(buffer.buffer, buffer.byteOffset, length);
  let offsets = LineOffsets.forLength(length);
  let { starts, indents, firsts } = offsets;
  let count = 0;
  // Characters are read at `from` and written back at `to`, which never passes it.
  let from = 0;
  let to = 0;
  while (from < length) {
    if (count + 1 >= starts.length) {
      offsets = offsets.grown();
      ({ starts, indents, firsts } = offsets);
    }
    const start = to;
    // The line's leading spaces, and escapes and NULs among them, up to its first visible character.
    let code = -1;
    while (from < length) {
      code = codes[from]!;
      if (code === 32) {
        codes[to++] = 32;
        from++;
        continue;
      }
      if (code === 0) {
        from++;
        code = -1;
        continue;
      }
      if (code === ESC) {
        const end = escapeEnd(codes, from, length);
        if (end > from) {
          from = end;
          code = -1;
          continue;
        }
      }
      break;
    }
    // Escapes after a final newline do not start a line of their own.
    if (from >= length && to === start) break;
    starts[count] = start;
    indents[count] = to - start;
    firsts[count++] = from < length && code !== 10 ? code : -1;
    // The rest of the line: most characters are past ESC and go straight through.
    while (from < length) {
      code = codes[from]!;
      if (code > ESC) {
        codes[to++] = code;
        from++;
        continue;
      }
      if (code === 10) break;
      if (code === 0) {
        from++;
        continue;
      }
      if (code === ESC) {
        const end = escapeEnd(codes, from, length);
        if (end > from) {
          from = end;
          continue;
        }
      }
      codes[to++] = code;
      from++;
    }
    if (from >= length) {
      // A last line without a newline: the next would start past the end, as if one followed.
      starts[count] = to + 1;
      return { text: textOf(buffer, to), offsets, count };
    }
    codes[to++] = 10;
    from++;
  }
  starts[count] = to;
  return { text: textOf(buffer, to), offsets, count };
}
