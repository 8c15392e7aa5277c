/** The file view of a project's file at a commit (or its indexed commit), at a line or range. */
export function fileLink({
  projectId,
  path,
  commit,
  line,
  end,
}: {
  projectId: string;
  path: string;
  commit?: string | null;
  line?: number;
  end?: number;
}): string {
  const query = new URLSearchParams({ path });
  if (commit) query.set("commit", commit);
  if (line) query.set("line", String(line));
  if (end && line && end > line) query.set("end", String(end));
  return `/projects/${projectId}/code/file?${query}${line ? `#L${line}` : ""}`;
}
