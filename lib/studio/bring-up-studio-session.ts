import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Database } from "@/db/client";
import { getLivePreviewPorts } from "@/db/queries/previews";
import { getProjectById } from "@/db/queries/projects";
import {
  getLiveStudioPorts,
  getStudioCommits,
  getStudioSession,
  insertStudioCommit,
  updateStudioSession,
} from "@/db/queries/studio";
import type { ProjectSettings, StudioSession } from "@/db/schema";
import { getGitProvider } from "@/lib/git-provider";
import { env } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";
import { REPOSITORY_CONFIG_FILE } from "@/lib/runs/repository-config";
import { logger } from "@/lib/platform/logger";
import { previewAddress, studioLabel } from "@/lib/preview-proxy/preview-address";
import { getSandbox } from "@/lib/sandbox";
import { getProjectSecretValues } from "@/lib/secrets";
import { publishStudioEvent, publishStudioStatus } from "@/lib/studio/publish-studio-event";
import { studioBranch, studioWorkspaceName } from "@/lib/studio/studio-names";
import { studioProjectSettings } from "@/lib/studio/studio-project-settings";
import { studioRegistry } from "@/lib/studio/studio-registry";
import { type StudioSettings, studioSettings } from "@/lib/studio/studio-settings";
import { superviseDevServer } from "@/lib/studio/supervise-dev-server";
import { tearDownStudioSession } from "@/lib/studio/tear-down-studio-session";
import { withStudioSession } from "@/lib/studio/with-studio-session";
import { allocatePort } from "@/lib/validation/preview/allocate-port";
import { runValidation } from "@/lib/validation/run-validation";
import { workspacePath } from "@/lib/workspaces/paths";

const exec = promisify(execFile);
const LOG_FLUSH_MS = 300;

async function headOf(path: string): Promise<string | null> {
  try {
    const { stdout } = await exec("git", ["rev-parse", "HEAD"], { cwd: path });
    return stdout.trim();
  } catch {
    return null;
  }
}

/** Log lines go to the page in small batches, not one event per chunk of output. */
function logPublisher(session: StudioSession): (text: string) => void {
  let pending = "";
  let _timer: NodeJS.Timeout | null = null;
  return (text) => {
    pending += text;
    _timer ??= setTimeout(() => {
      const lines = pending.slice(-16_000);
      pending = "";
      _timer = null;
      void publishStudioEvent(session, "studio.log", { text: lines });
    }, LOG_FLUSH_MS);
  };
}

export type BringUpOutcome = { status: StudioSession["status"]; reason?: string | null; port?: number | null };

/**
 * Brings a live session's app up in this process: its workspace on the session's branch
 * (the one on disk when it is still at the branch's head, else a fresh checkout from the
 * last pushed commit), the project's setup (from the setup cache when nothing changed),
 * and the dev command in the sandbox (setup and dev from the base branch's .mergeline.yml
 * when the project allows repository config) on a free port, supervised (supervise-dev-server.ts).
 * The first start of a session, and its resumption after a Mergeline restart. A session
 * whose dev server this process already runs is left as it is. A start that fails ends
 * the session `failed` with the reason, leaving nothing behind.
 */
export async function bringUpStudioSession({
  db,
  sessionId,
  settings = studioSettings(),
}: {
  db: Database;
  sessionId: string;
  settings?: StudioSettings;
}): Promise<BringUpOutcome> {
  return withStudioSession(sessionId, async () => {
    const session = await getStudioSession({ db, id: sessionId });
    if (!session) return { status: "failed", reason: "The session does not exist." };
    if (!["starting", "running", "restarting"].includes(session.status))
      return { status: session.status, reason: session.statusReason };
    const owned = studioRegistry.get(sessionId);
    if (owned?.running()) return { status: session.status, port: owned.port };
    if (owned) await owned.stop("Started again.");

    const fail = async (reason: string) => {
      const row = await tearDownStudioSession({ db, sessionId, status: "failed", reason });
      return { status: row?.status ?? "failed", reason };
    };
    try {
      return await bringUp(db, session, settings, fail);
    } catch (error) {
      logger.error({ err: error, sessionId }, "studio: the session could not start");
      return fail(`The session could not start: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

async function bringUp(
  db: Database,
  session: StudioSession,
  settings: StudioSettings,
  fail: (reason: string) => Promise<BringUpOutcome>,
): Promise<BringUpOutcome> {
  const project = await getProjectById({ db, id: session.projectId });
  if (!project) return fail("The session's project is gone.");
  const provider = getGitProvider(project, { db });
  const branch = session.branch ?? studioBranch(session.id);
  const baseBranch = session.baseBranch ?? project.defaultBranch;
  let projectSettings: ProjectSettings;
  try {
    projectSettings = await studioProjectSettings({ project, provider, baseBranch });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return fail(`The repository's ${REPOSITORY_CONFIG_FILE} on ${baseBranch} is malformed: ${error.message}`);
  }
  const command = projectSettings.devCommand ?? projectSettings.previewCommand;
  if (!command)
    return fail(
      `The project has no dev command (setting devCommand${project.settings.useRepositoryConfig ? `, or dev in ${REPOSITORY_CONFIG_FILE}` : ""}) and no preview command to run the app with.`,
    );
  const path = workspacePath(env.dataDir, studioWorkspaceName(session.id));
  const sandbox = getSandbox();
  const secretEnv = await getProjectSecretValues({ db, projectId: project.id });
  const redact = Object.values(secretEnv);

  // Reused only when it is exactly the branch's last pushed state (a dev server that died with the app).
  const head = await headOf(path);
  const reuse = head !== null && session.headSha !== null && head === session.headSha;
  let headSha = head ?? "";
  if (!reuse) {
    const workspace = await provider.prepareWorkspace({
      project,
      runId: studioWorkspaceName(session.id),
      branch,
      baseBranch,
    });
    headSha = workspace.headSha;
    const setup = await runValidation({
      sandbox,
      workspacePath: workspace.path,
      settings: { ...projectSettings, testCommands: [] },
      env: secretEnv,
      redact,
    });
    if (setup.status !== "passed") return fail(`Setup failed: ${setup.summary}`);
  }

  const lease = await allocatePort({
    taken: [...(await getLivePreviewPorts({ db })), ...(await getLiveStudioPorts({ db }))],
  });
  const host = new URL(previewAddress(studioLabel(session.id))).hostname;
  await updateStudioSession({ db, id: session.id, values: { port: lease.port } });
  const onLog = logPublisher(session);
  const events = {
    onLog,
    onRestarting: async (restarts: number, reason: string) => {
      const row = await updateStudioSession({
        db,
        id: session.id,
        values: { status: "restarting", statusReason: reason, restarts },
      });
      if (row) await publishStudioStatus(row);
    },
    onRunning: async (restarts: number) => {
      const row = await updateStudioSession({
        db,
        id: session.id,
        values: { status: "running", statusReason: null, restarts },
      });
      if (row) await publishStudioStatus(row);
    },
    onFailed: async (reason: string) => {
      lease.release();
      studioRegistry.remove(session.id);
      await tearDownStudioSession({ db, sessionId: session.id, status: "failed", reason });
    },
  };
  const started = await superviseDevServer({
    sandbox,
    command,
    cwd: path,
    port: lease.port,
    // Vite refuses Host headers it does not know (DNS rebinding); the proxy keeps the preview host.
    env: { ...secretEnv, __VITE_ADDITIONAL_SERVER_ALLOWED_HOSTS: host },
    redact,
    settings,
    restartsSoFar: session.restarts,
    events,
  });
  if (!started.ok) {
    lease.release();
    return fail(`${started.message}\n${started.log.trimEnd().split("\n").slice(-40).join("\n")}`.trim());
  }
  const server = started.server;
  const entry = {
    id: session.id,
    projectId: session.projectId,
    port: lease.port,
    workspacePath: path,
    log: server.log,
    running: server.running,
    restart: (reason: string) => server.restart(reason),
    stop: async () => {
      await server.stop();
      lease.release();
      studioRegistry.remove(session.id, entry);
    },
  };
  studioRegistry.add(entry);
  const row = await updateStudioSession({
    db,
    id: session.id,
    values: {
      status: "running",
      statusReason: null,
      branch,
      baseBranch,
      port: lease.port,
      headSha,
      baseSha: session.baseSha ?? headSha,
    },
  });
  // The history starts with the commit the session began from: a rollback can return to it.
  if ((await getStudioCommits({ db, sessionId: session.id })).length === 0) {
    await insertStudioCommit({
      db,
      values: {
        sessionId: session.id,
        sha: headSha,
        kind: "start",
        description: `Started from ${baseBranch}`,
        message: `Started from ${baseBranch}`,
        userId: session.userId,
      },
    });
  }
  if (row) await publishStudioStatus(row);
  logger.info({ sessionId: session.id, port: lease.port, reused: reuse }, "studio: session running");
  return { status: "running", port: lease.port };
}
