import InsightsOutlined from "@mui/icons-material/InsightsOutlined";
import SettingsOutlined from "@mui/icons-material/SettingsOutlined";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { connection } from "next/server";
import { ChatPanel } from "@/components/chat/chat-panel";
import { CodeIndexCard } from "@/components/code-index/code-index-card";
import { toCodeIndexView } from "@/components/code-index/to-code-index-view";
import { LinkButton } from "@/components/project-card/link-button";
import { ProjectHeader } from "@/components/project-card/project-header";
import { ProjectRunsTable } from "@/components/project-card/project-runs-table";
import { LiveRefresh } from "@/components/realtime/live-refresh";
import { StartRunDialog } from "@/components/start-run/start-run-dialog";
import { StudioSessions } from "@/components/studio/studio-sessions";
import { getDb } from "@/db";
import { listChatConversations } from "@/db/queries/chat";
import { getRunsPageByProjectId } from "@/db/queries/runs";
import { getStudioSessionsByProjectId } from "@/db/queries/studio";
import { decodeCursor, toPage } from "@/lib/api/pagination";
import { can } from "@/lib/auth/actor";
import { getModel } from "@/lib/ai/models";
import { requireSessionActor } from "@/lib/auth/get-session-actor";
import { getCodeIndexStatus } from "@/lib/code-index/get-code-index-status";
import { AppError } from "@/lib/platform/errors";
import { startRunAction } from "../../actions";
import { startStudioSessionAction } from "../../studio/[id]/actions";
import { loadConversationAction, startRunFromChatAction, syncCodeIndexAction } from "../code-actions";
import { loadProjectForPage } from "../load-project-for-page";
import { scriptedTaskOptions } from "../../scripted-task-options";
import { sandboxStatus } from "@/lib/sandbox";

export const metadata: Metadata = { title: "Project" };

const PAGE = 25;

export default async function ProjectPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ cursor?: string | string[] }>;
}) {
  await connection();
  const { id } = await params;
  const actor = await requireSessionActor({ callbackUrl: `/projects/${encodeURIComponent(id)}` });
  const project = await loadProjectForPage(actor, id);
  const { cursor } = await searchParams;
  let after;
  try {
    after = decodeCursor(typeof cursor === "string" ? cursor : undefined);
  } catch (error) {
    // A mangled cursor in a shared link shows the first page rather than an error.
    if (!(error instanceof AppError)) throw error;
  }
  const rows = await getRunsPageByProjectId({ db: getDb(), projectId: project.id, after, limit: PAGE + 1 });
  const page = toPage(rows, PAGE, (row) => row);
  const sandbox = sandboxStatus();
  const isAdmin = can(actor, project, "admin");
  const canWrite = can(actor, project, "write");
  const db = getDb();
  const [index, conversations, studioSessions] = await Promise.all([
    getCodeIndexStatus({ db, project }),
    listChatConversations({ db, projectId: project.id, userId: actor.userId, limit: 30 }),
    getStudioSessionsByProjectId({ db, projectId: project.id, limit: 10 }),
  ]);
  let modelLabel: string;
  try {
    modelLabel = getModel("chat", project).label;
  } catch (error) {
    // A model that cannot be made (a key missing) is said in the chat's answer; the page still shows.
    modelLabel = error instanceof AppError ? "the project's model (not available now)" : "the project's model";
  }

  return (
    <>
      <ProjectHeader
        project={project}
        actions={
          <>
            {canWrite && project.pinned && (
              <StartRunDialog
                projectId={project.id}
                projectName={project.name}
                defaultBranch={project.defaultBranch}
                autoConfirmDefault={project.settings.autoConfirmPlans}
                scriptedTasks={scriptedTaskOptions(project)}
                startRunAction={startRunAction}
              />
            )}
            <LinkButton
              href={`/projects/${project.id}/settings`}
              startIcon={<SettingsOutlined />}
              variant="outlined"
              size="small"
            >
              {isAdmin ? "Settings" : "View settings"}
            </LinkButton>
            <LinkButton
              href={`/insights?project=${project.id}`}
              startIcon={<InsightsOutlined />}
              variant="outlined"
              size="small"
            >
              Insights
            </LinkButton>
            <LinkButton href={`/projects/${project.id}/reviews`} variant="outlined" size="small">
              Reviews
            </LinkButton>
          </>
        }
      />
      {sandbox.driver !== "bwrap" && (
        <Alert severity="warning" sx={{ mb: 3 }} data-testid="sandbox-warning">
          No bubblewrap sandbox on this server: this project&apos;s setup and test commands run as plain processes of
          the server&apos;s user. {sandbox.warning}
        </Alert>
      )}
      {/* Index progress and new runs arrive as project events: the page re-renders on each. */}
      <LiveRefresh projectIds={[project.id]} />
      <CodeIndexCard
        projectId={project.id}
        index={toCodeIndexView(index, project.defaultBranch)}
        canSync={canWrite && project.pinned}
        syncAction={syncCodeIndexAction}
      />
      <ChatPanel
        projectId={project.id}
        commit={index.defaultBranch?.commitSha ?? null}
        modelLabel={modelLabel}
        conversations={conversations.map((conversation) => ({
          id: conversation.id,
          title: conversation.title,
          runId: conversation.runId,
        }))}
        canStartRun={canWrite && project.pinned}
        loadConversationAction={loadConversationAction}
        startRunAction={startRunFromChatAction}
      />
      <StudioSessions
        projectId={project.id}
        sessions={studioSessions}
        canStart={canWrite && project.pinned}
        start={startStudioSessionAction}
      />
      <Paper variant="outlined">
        <Typography variant="h2" sx={{ px: 2, pt: 2, pb: 1 }}>
          Runs
        </Typography>
        {page.data.length === 0 ? (
          <Typography color="text.secondary" sx={{ px: 2, pb: 2 }}>
            {after ? "No older runs." : "No runs yet."}
          </Typography>
        ) : (
          <ProjectRunsTable runs={page.data} />
        )}
        <Box sx={{ display: "flex", gap: 1, justifyContent: "flex-end", p: 1.5 }}>
          {after && (
            <LinkButton href={`/projects/${project.id}`} size="small">
              Newest runs
            </LinkButton>
          )}
          {page.nextCursor && (
            <LinkButton href={`/projects/${project.id}?cursor=${page.nextCursor}`} size="small" variant="outlined">
              Older runs
            </LinkButton>
          )}
        </Box>
      </Paper>
    </>
  );
}
