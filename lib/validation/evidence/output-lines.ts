/**
 * The lines of a cleaned output, read from its text by their offsets. A 5 MB output has some
 * 200,000 lines: held as an array of strings they live through every collection of the parse
 * and are copied by each; read on demand, a line is a short-lived slice of the text, and only
 * the few lines a parser keeps (a failure's message) outlive the line it reads.
 */
export class OutputLines {
  readonly length: number;
  private readonly text: string;
  // Line i runs from starts[i] to starts[i + 1] - 1 (its newline).
  private readonly starts: Int32Array;
  // The spaces each line starts with, and its first visible character (-1 for a blank line).
  private readonly indents: Int32Array;
  private readonly firsts: Int32Array;
  // Lines whose text is not the text's own (a progress bar's last state, a line cut short).
  private readonly replaced: Map<number, string>;

  constructor(
    text: string,
    offsets: { starts: Int32Array; indents: Int32Array; firsts: Int32Array },
    length: number,
    replaced: Map<number, string>,
  ) {
    this.text = text;
    this.starts = offsets.starts;
    this.indents = offsets.indents;
    this.firsts = offsets.firsts;
    this.length = length;
    this.replaced = replaced;
  }

  /** Line `index` (0-based), or undefined outside the output, as an array's element would be. */
  get(index: number): string | undefined {
    if (index < 0 || index >= this.length) return undefined;
    if (this.replaced.size > 0) {
      const line = this.replaced.get(index);
      if (line !== undefined) return line;
    }
    return this.text.slice(this.starts[index]!, this.starts[index + 1]! - 1);
  }

  /** The length of line `index`, without making the line. */
  lengthOf(index: number): number {
    const line = this.replaced.size > 0 ? this.replaced.get(index) : undefined;
    return line !== undefined ? line.length : this.starts[index + 1]! - this.starts[index]! - 1;
  }

  /** The number of spaces line `index` starts with, without making the line. */
  indentOf(index: number): number {
    return this.indents[index]!;
  }

  /** The code of line `index`'s first character that is not a space, or -1 for a blank line. */
  firstCode(index: number): number {
    return this.firsts[index]!;
  }

  /** The character code at `column` of line `index`, or -1 past its end, without making the line. */
  codeAt(index: number, column: number): number {
    const line = this.replaced.size > 0 ? this.replaced.get(index) : undefined;
    if (line !== undefined) return column < line.length ? line.charCodeAt(column) : -1;
    const at = this.starts[index]! + column;
    return at < this.starts[index + 1]! - 1 ? this.text.charCodeAt(at) : -1;
  }

  /** Whether line `index` holds `prefix` at `column`, without making the line; false outside the output. */
  startsWith(index: number, prefix: string, column = 0): boolean {
    if (index < 0 || index >= this.length) return false;
    const line = this.replaced.size > 0 ? this.replaced.get(index) : undefined;
    if (line !== undefined) return line.startsWith(prefix, column);
    const at = this.starts[index]! + column;
    if (at + prefix.length > this.starts[index + 1]! - 1) return false;
    for (let k = 0; k < prefix.length; k++) if (this.text.charCodeAt(at + k) !== prefix.charCodeAt(k)) return false;
    return true;
  }

  /** Lines `start` to `end` (exclusive) as strings, as Array.prototype.slice takes its bounds. */
  slice(start = 0, end = this.length): string[] {
    const from = start < 0 ? Math.max(0, this.length + start) : Math.min(start, this.length);
    const to = end < 0 ? Math.max(0, this.length + end) : Math.min(end, this.length);
    const lines: string[] = [];
    for (let i = from; i < to; i++) lines.push(this.get(i)!);
    return lines;
  }
}
