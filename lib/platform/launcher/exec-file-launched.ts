import { execFile } from "node:child_process";
import { sendToLauncher } from "./launcher-process";

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
const decode = (bytes: Uint8Array, encoding: "utf8" | "buffer") => {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return encoding === "buffer" ? buffer : buffer.toString("utf8");
};

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
  type Result = { stdout: Output<E>; stderr: Output<E> };
  return new Promise<Result>((resolve, reject) => {
    const request = {
      file,
      args,
      cwd: options.cwd,
      env: options.env,
      maxBuffer: options.maxBuffer,
      input: options.input,
    };
    const sent = sendToLauncher(request, {
      onMessage: (message) => {
        const answer = message as Answer;
        const stdout = decode(answer.stdout, encoding) as Output<E>;
        const stderr = decode(answer.stderr, encoding) as Output<E>;
        if (!answer.error) resolve({ stdout, stderr });
        else {
          const { message: text, code, signal } = answer.error;
          reject(new LaunchedCommandError(text, code, signal, stdout, stderr));
        }
        return true;
      },
      onLost: reject,
    });
    if (!sent) execFileHere(file, args, options, encoding).then((output) => resolve(output as Result), reject);
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
