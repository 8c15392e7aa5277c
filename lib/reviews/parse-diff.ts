import type { DiffFile } from "@/lib/reviews/types";

const unquote = (path: string) =>
  path.startsWith('"')
    ? path
        .slice(1, -1)
        .replace(/\\(["\\])/g, "$1")
        .replace(/\\t/g, "\t")
    : path;
const stripPrefix = (path: string) => unquote(path).replace(/^[ab]\//, "");

/**
 * A unified diff (`git diff` with a/ and b/ prefixes) as files with their added lines and
 * hunks. Added lines carry their line number in the new file, which is where findings and
 * review comments point.
 */
export function parseDiff(diff: string): DiffFile[] {
  const files: DiffFile[] = [];
  let file: DiffFile | null = null;
  let newLine = 0;
  let inHunk = false;
  for (const line of diff.split("\n")) {
    if (line.startsWith("diff --git ")) {
      const match = /^diff --git ("(?:[^"\\]|\\.)*"|\S+) ("(?:[^"\\]|\\.)*"|\S+)$/.exec(line);
      const oldPath = match ? stripPrefix(match[1]!) : "";
      const path = match ? stripPrefix(match[2]!) : "";
      file = { path, oldPath, status: "modified", binary: false, added: 0, removed: 0, addedLines: [], hunks: [] };
      files.push(file);
      inHunk = false;
      continue;
    }
    if (!file) continue;
    if (!inHunk || line.startsWith("@@")) {
      if (line.startsWith("new file mode")) file.status = "added";
      else if (line.startsWith("deleted file mode")) file.status = "deleted";
      else if (line.startsWith("rename from ")) file.status = "renamed";
      else if (line.startsWith("Binary files ") || line.startsWith("GIT binary patch")) file.binary = true;
      else if (line.startsWith("+++ ") && line !== "+++ /dev/null") file.path = stripPrefix(line.slice(4));
      else if (line.startsWith("--- ") && line !== "--- /dev/null") file.oldPath = stripPrefix(line.slice(4));
      const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (hunk) {
        newLine = Number(hunk[1]);
        const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
        if (count > 0) file.hunks.push({ start: newLine, end: newLine + count - 1 });
        inHunk = true;
      }
      continue;
    }
    if (line.startsWith("+")) {
      file.added++;
      file.addedLines.push({ line: newLine, text: line.slice(1) });
      newLine++;
    } else if (line.startsWith("-")) file.removed++;
    else if (line.startsWith(" ")) newLine++;
    else if (line.startsWith("\\")) continue;
    else inHunk = false;
  }
  return files;
}
