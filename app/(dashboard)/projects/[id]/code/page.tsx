import Alert from "@mui/material/Alert";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { connection } from "next/server";
import { CodeSearchForm } from "@/components/code-index/code-search-form";
import { CodeSearchResults } from "@/components/code-index/code-search-results";
import { ProjectHeader } from "@/components/project-card/project-header";
import { getDb } from "@/db";
import { requireSessionActor } from "@/lib/auth/get-session-actor";
import { type CodeSearchKind, codeSearchKinds, searchCode } from "@/lib/code-index/search-code";
import { loadProjectForPage } from "../../load-project-for-page";

export const metadata: Metadata = { title: "Code search" };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

// The project's code, searched: symbols, code and files ranked by the code index, each a
// file:line link to the file as indexed. The query is in the URL (?q=&kind=).
export default async function CodeSearchPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ q?: string | string[]; kind?: string | string[] }>;
}) {
  await connection();
  const { id } = await params;
  const actor = await requireSessionActor({ callbackUrl: `/projects/${encodeURIComponent(id)}/code` });
  const project = await loadProjectForPage(actor, id);
  const { q, kind: rawKind } = await searchParams;
  const query = first(q).trim().slice(0, 500);
  const kind = (codeSearchKinds as readonly string[]).includes(first(rawKind))
    ? (first(rawKind) as CodeSearchKind)
    : undefined;
  const result = query ? await searchCode({ db: getDb(), project, query, kind, limit: 30 }) : null;

  return (
    <>
      <ProjectHeader project={project} section="Code search" />
      <CodeSearchForm query={query} kind={kind ?? ""} />
      {result && !result.index && (
        <Alert severity="info">This project has no code index yet. It is made in the background after pinning.</Alert>
      )}
      {result?.index && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} data-testid="code-search-summary">
          {result.hits.length} result{result.hits.length === 1 ? "" : "s"} in {result.index.ref}
          {result.index.commitSha ? ` at ${result.index.commitSha.slice(0, 10)}` : " (indexing)"} ·{" "}
          {result.mode === "hybrid" ? "hybrid search" : "lexical search"}
        </Typography>
      )}
      {result && result.hits.length > 0 && (
        <Paper variant="outlined">
          <CodeSearchResults projectId={project.id} commit={result.index?.commitSha ?? null} hits={result.hits} />
        </Paper>
      )}
      {result?.index && result.hits.length === 0 && (
        <Typography color="text.secondary">Nothing in the index matches “{query}”.</Typography>
      )}
    </>
  );
}
