import { spawn } from "node:child_process";
import { EventEmitter } from "node:events";
import { Duplex } from "node:stream";
import { type LauncherMessage, sendToLauncher } from "./launcher-process";

export type SpawnLaunchedOptions = {
  cwd: string;
  /** The child's whole environment (nothing is inherited). */
  env: NodeJS.ProcessEnv;
  detached?: boolean;
  /** Per descriptor from 0: a pipe, or nothing. */
  stdio: ("pipe" | "ignore")[];
};

/**
 * A process started from the launcher, shaped like the parts of ChildProcess a supervisor
 * uses: its pid, exit code and signal, a stream per piped descriptor, and the events
 * `exit` (code, signal), `close` (after every output stream ended) and `error`.
 */
export type LaunchedChild = EventEmitter & {
  readonly pid: number | undefined;
  readonly exitCode: number | null;
  readonly signalCode: NodeJS.Signals | null;
  readonly stdio: readonly (Duplex | null)[];
  /** Resolves once the process runs (pid set), or with the error that kept it from starting. */
  readonly ready: Promise<{ error?: Error }>;
};

type Event =
  | { event: "spawned"; pid: number | null }
  | { event: "data"; fd: number; chunk: Uint8Array }
  | { event: "eof"; fd: number }
  | { event: "exit"; code: number | null; signal: NodeJS.Signals | null }
  | { event: "close" }
  | { event: "error"; error: { message: string; code: string | number | null } };

const asError = ({ message, code }: { message: string; code: string | number | null }) =>
  Object.assign(new Error(message), code === null ? {} : { code });

class Child extends EventEmitter implements LaunchedChild {
  pid: number | undefined = undefined;
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  stdio: (Duplex | null)[];
  ready: Promise<{ error?: Error }>;
  settle: (outcome: { error?: Error }) => void = () => undefined;

  constructor(stdio: ("pipe" | "ignore")[], post: (message: Record<string, unknown>) => void) {
    super();
    this.ready = new Promise((resolve) => {
      this.settle = resolve;
    });
    this.stdio = stdio.map((kind, fd) =>
      kind === "ignore"
        ? null
        : new Duplex({
            read() {},
            write(chunk: Buffer, _encoding, callback) {
              post({ kind: "write", fd, chunk });
              callback();
            },
            final(callback) {
              post({ kind: "end", fd });
              callback();
            },
            destroy(error, callback) {
              post({ kind: "destroy", fd });
              callback(error);
            },
          }),
    );
  }

  /** Applies one message of the launcher; true when the process is over. */
  apply(message: Event): boolean {
    switch (message.event) {
      case "spawned":
        this.pid = message.pid ?? undefined;
        if (message.pid !== null) this.settle({});
        return false;
      case "data":
        this.stdio[message.fd]?.push(
          Buffer.from(message.chunk.buffer, message.chunk.byteOffset, message.chunk.byteLength),
        );
        return false;
      case "eof":
        this.stdio[message.fd]?.push(null);
        return false;
      case "exit":
        this.exitCode = message.code;
        this.signalCode = message.signal;
        this.emit("exit", message.code, message.signal);
        return false;
      case "error": {
        const error = asError(message.error);
        this.settle({ error });
        if (this.listenerCount("error") > 0) this.emit("error", error);
        return false;
      }
      case "close":
        this.close();
        return true;
    }
  }

  /**
   * Every output stream ends (what was relayed is read first), then `close`. Like
   * ChildProcess, streams nobody reads are drained, so they end too.
   */
  close(error?: Error): void {
    this.settle({ error: error ?? new Error("the process did not start") });
    const outputs = this.stdio.slice(1).filter((stream): stream is Duplex => stream !== null);
    let open = outputs.length;
    const closed = () => {
      if (--open <= 0) this.emit("close", this.exitCode, this.signalCode);
    };
    if (open === 0) return void setImmediate(() => this.emit("close", this.exitCode, this.signalCode));
    for (const stream of outputs) {
      if (stream.readableEnded || stream.destroyed) closed();
      else {
        stream.once("end", closed);
        stream.once("close", () => stream.readableEnded || closed());
        // Whatever the process wrote was relayed before its close: nothing more will come.
        stream.push(null);
        if (stream.readableFlowing !== true) stream.resume();
      }
    }
  }
}

/**
 * Starts a long-running process (a sandboxed command) from the launcher instead of this
 * process, like spawn: starting a child copies the parent's page tables, and an app holding
 * an embedded database stalls tens of milliseconds per spawn (exec-file-launched.ts). Its
 * pipes are relayed over the launcher's channel; signals go to its pid as usual. When no
 * launcher can be started here, the process is spawned here. A launcher that dies takes
 * the relay with it: the process's pipes close, as they would if this process died.
 */
export function spawnLaunched(file: string, args: string[], options: SpawnLaunchedOptions): LaunchedChild {
  let child: Child | null = null;
  const sent = sendToLauncher(
    { kind: "spawn", file, args, cwd: options.cwd, env: options.env, detached: options.detached, stdio: options.stdio },
    {
      onMessage: (message: LauncherMessage) => child?.apply(message as unknown as Event) ?? false,
      onLost: (error) => {
        if (child && child.listenerCount("error") > 0) child.emit("error", error);
        child?.close(error);
      },
    },
  );
  if (!sent) return spawnHere(file, args, options);
  child = new Child(options.stdio, sent.post);
  return child;
}

function spawnHere(file: string, args: string[], options: SpawnLaunchedOptions): LaunchedChild {
  const child = spawn(file, args, {
    cwd: options.cwd,
    env: options.env,
    detached: options.detached,
    stdio: options.stdio,
  });
  const ready = new Promise<{ error?: Error }>((resolve) => {
    if (child.pid !== undefined) resolve({});
    else child.once("error", (error) => resolve({ error }));
  });
  return Object.assign(child, { ready }) as unknown as LaunchedChild;
}
