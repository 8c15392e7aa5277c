// The studio sessions this process runs, by session id: their dev servers' supervisors.
// The one place a session's processes are reachable from (the REST routes, the Inngest
// steps, a future command channel between app instances). On globalThis because the custom
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
const holder = globalThis as typeof globalThis & { [key]?: Map<string, LiveStudioSession> };
const live = (holder[key] ??= new Map());

export const studioRegistry = {
  add: (session: LiveStudioSession) => void live.set(session.id, session),
  remove: (id: string, session?: LiveStudioSession) => {
    if (!session || live.get(id) === session) live.delete(id);
  },
  get: (id: string) => live.get(id),
  all: () => [...live.values()],
};
