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
  // Lines whose text is not the text's own (a progress bar's last state, a line cut short).
  private readonly replaced: Map<number, string>;

  constructor(text: string, starts: Int32Array, length: number, replaced: Map<number, string>) {
    this.text = text;
    this.starts = starts;
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

  /** Lines `start` to `end` (exclusive) as strings, as Array.prototype.slice takes its bounds. */
  slice(start = 0, end = this.length): string[] {
    const from = start < 0 ? Math.max(0, this.length + start) : Math.min(start, this.length);
    const to = end < 0 ? Math.max(0, this.length + end) : Math.min(end, this.length);
    const lines: string[] = [];
    for (let i = from; i < to; i++) lines.push(this.get(i)!);
    return lines;
  }
}
