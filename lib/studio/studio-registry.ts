import { instanceCommands } from "@/lib/instances/instance-commands";
import { env } from "@/lib/platform/env";
import { removeWorkspaceDir } from "@/lib/workspaces/remove-workspace-dir";

// The studio sessions this process runs, by session id: their dev servers' supervisors.
// The one place a session's processes are reachable from (the REST routes, the Inngest
// steps, and "studio.stop" commands from other app instances). On globalThis because the custom
// server and the bundled route handlers load separate copies of this module in one process.

export type LiveStudioSession = {
  id: string;
  projectId: string;
  port: number;
  workspacePath: string;
  /** Stops the dev server for good (teardown) and waits for its process tree to end. */
  stop: (reason: string) => Promise<void>;
  /** Kills and starts the dev server again (counted as a restart). */
  restart: (reason: string) => Promise<void>;
  /** The dev server's recent output. */
  log: () => string;
  running: () => boolean;
};

const key = Symbol.for("mergeline.studio-sessions");
const listeningKey = Symbol.for("mergeline.studio-sessions.listening");
const holder = globalThis as typeof globalThis & {
  [key]?: Map<string, LiveStudioSession>;
  [listeningKey]?: boolean;
};
const live = (holder[key] ??= new Map());

// A session ended through another app instance (its REST route or the engine's call landed
// there): that instance sends "studio.stop", and the one running the dev server stops it and
// removes the workspace from its own data dir.
function listenForStops(): void {
  if (holder[listeningKey]) return;
  holder[listeningKey] = true;
  void instanceCommands.handle("studio.stop", async ({ target, data }) => {
    const session = live.get(target);
    if (!session) return;
    await session.stop(data.reason);
    live.delete(target);
    await removeWorkspaceDir({ dataDir: env.dataDir, dir: session.workspacePath });
  });
}

export const studioRegistry = {
  add: (session: LiveStudioSession) => {
    listenForStops();
    live.set(session.id, session);
  },
  remove: (id: string, session?: LiveStudioSession) => {
    if (!session || live.get(id) === session) live.delete(id);
  },
  get: (id: string) => live.get(id),
  all: () => [...live.values()],
};
