import type { DiffFile } from "@/lib/reviews/types";

/** Whether `line` of `path` is shown by the diff: the only places a finding or review comment can point at. */
export function isInDiff(files: DiffFile[], path: string, line: number): boolean {
  const file = files.find((candidate) => candidate.path === path);
  return Boolean(file?.hunks.some((hunk) => line >= hunk.start && line <= hunk.end));
}
