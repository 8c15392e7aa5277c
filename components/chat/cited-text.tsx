import Link from "@mui/material/Link";
import NextLink from "next/link";
import type { ReactNode } from "react";
import { fileLink } from "@/components/code-index/file-link";

// Citations in an answer: code as path:line or path:start-end (a path with a file
// extension), runs as /runs/<id>. Each becomes a link; the rest stays text.
const CITATION =
  /(?<![\w/.-])((?:[\w.@-]+\/)*[\w.@-]+\.[A-Za-z0-9]{1,10}):(\d{1,6})(?:-(\d{1,6}))?|(?<![\w/])\/runs\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/g;

/** Text with its file:line and run citations as links (file links open the file view at the indexed commit). */
export function CitedText({ text, projectId, commit }: { text: string; projectId: string; commit: string | null }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const match of text.matchAll(CITATION)) {
    const index = match.index;
    if (index > at) parts.push(text.slice(at, index));
    const [whole, path, line, end, runId] = match;
    parts.push(
      runId ? (
        <Link component={NextLink} key={index} href={`/runs/${runId}`}>
          {whole}
        </Link>
      ) : (
        <Link
          component={NextLink}
          key={index}
          href={fileLink({ projectId, path: path!, commit, line: Number(line), end: end ? Number(end) : undefined })}
          sx={{ fontFamily: "monospace" }}
        >
          {whole}
        </Link>
      ),
    );
    at = index + whole.length;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
