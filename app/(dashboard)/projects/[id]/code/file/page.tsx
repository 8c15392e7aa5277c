import Alert from "@mui/material/Alert";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { connection } from "next/server";
import { FileView } from "@/components/code-index/file-view";
import { LinkButton } from "@/components/project-card/link-button";
import { ProjectHeader } from "@/components/project-card/project-header";
import { getDb } from "@/db";
import { getCodeIndex } from "@/db/queries/code-index";
import { requireSessionActor } from "@/lib/auth/get-session-actor";
import { readRepositoryFile } from "@/lib/code-index/read-repository-file";
import { AppError } from "@/lib/platform/errors";
import { loadProjectForPage } from "../../../load-project-for-page";

export const metadata: Metadata = { title: "File" };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";
const lineNumber = (value: string) => (/^\d{1,7}$/.test(value) && Number(value) > 0 ? Number(value) : undefined);

// A file of the project at the commit its links were made from (search results and chat
// citations carry it), else at the indexed commit of the default branch, so the lines they
// point at are the lines shown.
export default async function FilePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const { id } = await params;
  const actor = await requireSessionActor({ callbackUrl: `/projects/${encodeURIComponent(id)}/code` });
  const project = await loadProjectForPage(actor, id);
  const query = await searchParams;
  const path = first(query.path);
  const line = lineNumber(first(query.line));
  const end = lineNumber(first(query.end));
  const db = getDb();
  const commit = /^[0-9a-f]{40}$/.test(first(query.commit))
    ? first(query.commit)
    : ((await getCodeIndex({ db, projectId: project.id, ref: project.defaultBranch }))?.commitSha ?? undefined);

  let file: Awaited<ReturnType<typeof readRepositoryFile>> | null = null;
  let problem: string | null = null;
  try {
    file = await readRepositoryFile({ db, project, path, ref: commit });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    problem = error.message;
  }

  return (
    <>
      <ProjectHeader project={project} section="Code" />
      <Stack direction="row" spacing={1} sx={{ alignItems: "center", mb: 1.5, flexWrap: "wrap" }}>
        <Typography variant="h2" sx={{ fontFamily: "monospace", flexGrow: 1, overflowWrap: "anywhere" }}>
          {file?.path ?? path}
        </Typography>
        {file && (
          <Typography variant="body2" color="text.secondary">
            at {file.commit.slice(0, 10)}
          </Typography>
        )}
        <LinkButton href={`/projects/${project.id}/code`} size="small">
          Search code
        </LinkButton>
      </Stack>
      {problem && <Alert severity="warning">{problem}</Alert>}
      {file?.binary && <Alert severity="info">A binary file ({file.size} bytes): nothing to show.</Alert>}
      {file?.truncated && (
        <Alert severity="info" sx={{ mb: 1 }}>
          Only the first MiB of this file is shown.
        </Alert>
      )}
      {file?.content !== null && file?.content !== undefined && (
        <Paper variant="outlined">
          <FileView lines={file.content.replace(/\n$/, "").split("\n")} from={line} to={end ?? line} />
        </Paper>
      )}
    </>
  );
}
