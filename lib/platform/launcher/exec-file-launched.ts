import { type ChildProcess, execFile, spawn } from "node:child_process";
import { launcherSource } from "./launcher-source";

export type LaunchedOptions = {
  cwd: string;
  /** The child's whole environment (nothing is inherited). */
  env: NodeJS.ProcessEnv;
  maxBuffer?: number;
  /** Written to the child's stdin, which is then closed. */
  input?: string;
};

type Output<E> = E extends "buffer" ? Buffer : string;

/** Shaped like execFile's error: `code` is the exit code (or a spawn error's code), with the output. */
export class LaunchedCommandError extends Error {
  constructor(
    message: string,
    readonly code: number | string | null,
    readonly signal: string | null,
    readonly stdout: string | Buffer,
    readonly stderr: string | Buffer,
  ) {
    super(message);
    this.name = "LaunchedCommandError";
  }
}

// The channel uses Node's "advanced" serialization: output arrives as bytes (Uint8Array).
type Answer = {
  id: number;
  stdout: Uint8Array;
  stderr: Uint8Array;
  error: { message: string; code: number | string | null; signal: string | null } | null;
};
type Pending = {
  encoding: "utf8" | "buffer";
  resolve: (output: { stdout: string | Buffer; stderr: string | Buffer }) => void;
  reject: (error: Error) => void;
};
const decode = (bytes: Uint8Array, encoding: "utf8" | "buffer") => {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return encoding === "buffer" ? buffer : buffer.toString("utf8");
};
type Launcher = { child: ChildProcess; pending: Map<number, Pending> };

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
  const launcher: Launcher = { child, pending: new Map() };
  const fail = (error: Error) => {
    if (state.launcher === launcher) state.launcher = null;
    for (const pending of launcher.pending.values()) pending.reject(error);
    launcher.pending.clear();
  };
  child.on("message", (answer: Answer) => {
    const pending = launcher.pending.get(answer.id);
    if (!pending) return;
    launcher.pending.delete(answer.id);
    if (launcher.pending.size === 0) idle(launcher);
    const stdout = decode(answer.stdout, pending.encoding);
    const stderr = decode(answer.stderr, pending.encoding);
    if (!answer.error) pending.resolve({ stdout, stderr });
    else {
      const { message, code, signal } = answer.error;
      pending.reject(new LaunchedCommandError(message, code, signal, stdout, stderr));
    }
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
 * Runs a short command (git, mostly) like execFile, from a small launcher process instead of
 * this one. Starting a child copies the parent's page tables, and an app holding an embedded
 * database is large: its spawns block its event loop for tens of milliseconds each, one
 * launcher's take a millisecond or two. Falls back to execFile here when the launcher cannot
 * be started at all. A launcher that dies fails the commands in flight (whose outcome is then unknown,
 * as with any crash) and the next command starts a new one.
 */
export function execFileLaunched<E extends "utf8" | "buffer" = "utf8">(
  file: string,
  args: string[],
  options: LaunchedOptions & { encoding?: E },
): Promise<{ stdout: Output<E>; stderr: Output<E> }> {
  const encoding = options.encoding ?? "utf8";
  if (state.unavailable)
    return execFileHere(file, args, options, encoding) as Promise<{ stdout: Output<E>; stderr: Output<E> }>;
  let launcher = state.launcher;
  if (!launcher?.child.connected) {
    try {
      launcher = state.launcher = startLauncher();
    } catch {
      return execFileHere(file, args, options, encoding) as Promise<{ stdout: Output<E>; stderr: Output<E> }>;
    }
  }
  const id = state.nextId++;
  const request = {
    id,
    file,
    args,
    cwd: options.cwd,
    env: options.env,
    maxBuffer: options.maxBuffer,
    input: options.input,
  };
  const running = launcher;
  return new Promise((resolve, reject) => {
    running.pending.set(id, {
      encoding,
      resolve: resolve as (output: { stdout: string | Buffer; stderr: string | Buffer }) => void,
      reject,
    });
    running.child.ref();
    running.child.channel?.ref();
    running.child.send(request, (error) => {
      if (!error || !running.pending.has(id)) return;
      running.pending.delete(id);
      reject(error);
    });
  });
}

function execFileHere(
  file: string,
  args: string[],
  options: LaunchedOptions,
  encoding: "utf8" | "buffer",
): Promise<{ stdout: string | Buffer; stderr: string | Buffer }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      { cwd: options.cwd, env: options.env, maxBuffer: options.maxBuffer, encoding },
      (error, stdout, stderr) => {
        if (!error) return resolve({ stdout, stderr });
        const code = (error as { code?: number | string }).code ?? null;
        reject(new LaunchedCommandError(error.message, code, error.signal ?? null, stdout, stderr));
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}
