import { type ChildProcess, spawn } from "node:child_process";
import { launcherSource } from "./launcher-source";

/** What the launcher sends back about a request: every message names the request's id. */
export type LauncherMessage = { id: number } & Record<string, unknown>;

/**
 * One request's conversation with the launcher: `onMessage` gets each message of its id and
 * says whether the request is over; `onLost` is told when the launcher died before that.
 */
export type LauncherHandler = {
  onMessage: (message: LauncherMessage) => boolean;
  onLost: (error: Error) => void;
};

/** An open request: later messages of the same request go to the launcher that has it. */
export type LauncherRequest = { id: number; post: (message: Record<string, unknown>) => void };

type Launcher = { child: ChildProcess; handlers: Map<number, LauncherHandler> };

// One launcher per process, on globalThis: the custom server and the bundled route handlers
// load separate copies of this module in one process.
const slot = Symbol.for("mergeline.launcher");
const holder = globalThis as typeof globalThis & {
  [slot]?: { launcher: Launcher | null; nextId: number; unavailable: boolean };
};
const state = (holder[slot] ??= { launcher: null, nextId: 1, unavailable: false });

function startLauncher(): Launcher {
  const child = spawn(process.execPath, ["-e", launcherSource], {
    stdio: ["ignore", "ignore", "inherit", "ipc"],
    serialization: "advanced",
    env: {},
  });
  const launcher: Launcher = { child, handlers: new Map() };
  const fail = (error: Error) => {
    if (state.launcher === launcher) state.launcher = null;
    const lost = [...launcher.handlers.values()];
    launcher.handlers.clear();
    for (const handler of lost) handler.onLost(error);
  };
  child.on("message", (message: LauncherMessage) => {
    const handler = launcher.handlers.get(message.id);
    if (!handler?.onMessage(message)) return;
    launcher.handlers.delete(message.id);
    if (launcher.handlers.size === 0) idle(launcher);
  });
  child.on("error", (error) => {
    // Node itself could not be started (no such binary, no process slots): run commands here.
    if (!child.pid) state.unavailable = true;
    fail(error);
  });
  child.on("exit", (code, signal) => fail(new Error(`the process launcher stopped (${signal ?? code})`)));
  return launcher;
}

// An idle launcher must not keep the app's process alive.
function idle(launcher: Launcher) {
  launcher.child.unref();
  launcher.child.channel?.unref();
}

/**
 * Sends a request to this process's launcher (started on first use, again after it died),
 * or returns null when no launcher can be started here: the caller then does the work itself.
 */
export function sendToLauncher(request: Record<string, unknown>, handler: LauncherHandler): LauncherRequest | null {
  if (state.unavailable) return null;
  let launcher = state.launcher;
  if (!launcher?.child.connected) {
    try {
      launcher = state.launcher = startLauncher();
    } catch {
      return null;
    }
  }
  const id = state.nextId++;
  const running = launcher;
  running.handlers.set(id, handler);
  running.child.ref();
  running.child.channel?.ref();
  const post = (message: Record<string, unknown>) => {
    if (!running.child.connected || !running.handlers.has(id)) return;
    running.child.send({ ...message, id }, (error) => {
      if (!error || !running.handlers.has(id)) return;
      running.handlers.delete(id);
      handler.onLost(error);
    });
  };
  post(request);
  return { id, post };
}
