type Line = { type: " " | "-" | "+"; text: string };

// Beyond this many cells the LCS table costs more than the picture is worth: the edit is
// then shown as all of the old text removed and all of the new text added.
const MAX_CELLS = 250_000;

const linesOf = (text: string) => {
  const lines = text.split("\n");
  if (lines.length > 1 && lines.at(-1) === "") lines.pop();
  return lines;
};

/** The lines of `before` and `after` as kept, removed and added lines (longest common subsequence). */
function lineDiff(before: string[], after: string[]): Line[] {
  if (before.length * after.length > MAX_CELLS)
    return [
      ...before.map((text) => ({ type: "-" as const, text })),
      ...after.map((text) => ({ type: "+" as const, text })),
    ];
  const rows = before.length + 1;
  const columns = after.length + 1;
  // common[i][j]: the longest common subsequence of before[i..] and after[j..].
  const common = new Uint32Array(rows * columns);
  for (let i = before.length - 1; i >= 0; i--)
    for (let j = after.length - 1; j >= 0; j--)
      common[i * columns + j] =
        before[i] === after[j]
          ? common[(i + 1) * columns + j + 1]! + 1
          : Math.max(common[(i + 1) * columns + j]!, common[i * columns + j + 1]!);
  const lines: Line[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    if (i < before.length && j < after.length && before[i] === after[j]) {
      lines.push({ type: " ", text: before[i++]! });
      j++;
    } else if (
      i < before.length &&
      (j === after.length || common[(i + 1) * columns + j]! >= common[i * columns + j + 1]!)
    ) {
      // Removed lines before added ones, as git shows a changed line.
      lines.push({ type: "-", text: before[i++]! });
    } else {
      lines.push({ type: "+", text: after[j++]! });
    }
  }
  return lines;
}

/**
 * An edit_file call (replace `oldText` by `newText` in `path`, at `line` when the tool said
 * where) as a unified diff of one hunk, for the run page's diff view.
 */
export function editAsUnifiedDiff({
  path,
  oldText,
  newText,
  line = 1,
}: {
  path: string;
  oldText: string;
  newText: string;
  line?: number;
}): string {
  const before = linesOf(oldText);
  const lines = lineDiff(before, newText === "" ? [] : linesOf(newText));
  const removed = lines.filter((entry) => entry.type !== "+").length;
  const added = lines.filter((entry) => entry.type !== "-").length;
  const start = Math.max(1, line);
  return [
    `diff --git a/${path} b/${path}`,
    `--- a/${path}`,
    `+++ b/${path}`,
    `@@ -${start},${removed} +${added === 0 ? start - 1 : start},${added} @@`,
    ...lines.map((entry) => `${entry.type}${entry.text}`),
    "",
  ].join("\n");
}
