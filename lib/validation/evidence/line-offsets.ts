/**
 * Where each line of a text starts, its leading spaces and its first visible character (-1 for
 * a blank line), in typed arrays: a 5 MB output's 200,000 lines as three arrays, not 600,000 values.
 */
export class LineOffsets {
  readonly starts: Int32Array;
  readonly indents: Int32Array;
  readonly firsts: Int32Array;

  /** Room for `size` entries (lines and the end of the last). */
  constructor(size: number) {
    this.starts = new Int32Array(size);
    this.indents = new Int32Array(size);
    this.firsts = new Int32Array(size);
  }

  /** Room for about one line per 32 characters of a text, which most outputs stay within. */
  static forLength(length: number): LineOffsets {
    return new LineOffsets(Math.max(16, Math.ceil(length / 32)));
  }

  /** The same entries with room for twice as many. */
  grown(): LineOffsets {
    const grown = new LineOffsets(this.starts.length * 2);
    grown.starts.set(this.starts);
    grown.indents.set(this.indents);
    grown.firsts.set(this.firsts);
    return grown;
  }
}
