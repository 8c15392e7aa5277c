import type { Duplex } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { type LaunchedChild, spawnLaunched } from "@/lib/platform/launcher/spawn-launched";
import { logger } from "@/lib/platform/logger";
import { OutputCapture } from "@/lib/sandbox/output-capture";
import type { PidsCgroup } from "@/lib/sandbox/pids-cgroup";
import { findProcessTree } from "@/lib/sandbox/process-tree";
import type { EngineOptions, SandboxLaunch } from "@/lib/sandbox/run-sandboxed";
import { SANDBOX_DEFAULTS } from "@/lib/sandbox/sandbox-defaults";
import type { SandboxCommand, SandboxResult } from "@/lib/sandbox/types";

// Runs as the sandbox's first process: merge stderr into stdout (one pipe keeps the real
// interleaving), join the command's cgroup before anything can fork, cap memory, forbid
// core dumps (a crashing V8 would write gigabytes into the workspace), then exec. The data
// limit (RLIMIT_DATA) is used instead of an address-space limit (RLIMIT_AS): V8 reserves
// ~10 GB of address space per WebAssembly memory, so RLIMIT_AS at 4 GiB breaks Node's own
// fetch(); RLIMIT_DATA counts only writable private memory, which is what we want to cap.
// A command spoken to over stdio keeps stdout for its protocol: $3 says whether to merge.
const WRAPPER = [
  'if [ "$3" = merge ]; then exec 2>&1; fi',
  'if [ -n "$1" ]; then echo $$ > "$1" || exit 125; fi',
  'ulimit -d "$2" || exit 125',
  "ulimit -c 0",
  "shift 3",
  'exec "$@"',
].join("\n");
// After the command's processes are gone, the output pipes close at once; this bounds the
// wait when a process we could not kill (see process-tree.ts) still holds them.
const DRAIN_MS = 500;
const MAX_TIMER_MS = 2 ** 31 - 1;

type Outcome = Pick<SandboxResult, "exitCode" | "signal" | "timedOut" | "cancelled" | "output" | "truncated">;

/**
 * Starts a command under its launch plan (from the launcher, through the wrapper) and watches
 * it to its end: output captured and capped, time limit, process count (a pids cgroup, or
 * polling), cancel; the whole process tree killed, TERM then KILL, however it ends.
 */
export async function superviseSandboxed(
  command: SandboxCommand,
  shown: string,
  launch: SandboxLaunch,
  options: EngineOptions,
  cgroup: PidsCgroup | null,
  maxProcesses: number,
): Promise<Outcome> {
  const capture = new OutputCapture(
    command.maxOutputBytes ?? SANDBOX_DEFAULTS.maxOutputBytes,
    command.redact,
    command.onOutput,
  );
  const dataLimitKb = (command.memoryLimitMb ?? SANDBOX_DEFAULTS.memoryLimitMb) * 1024;
  const notes: string[] = [];
  let child: LaunchedChild;
  try {
    // From the launcher: spawning from this process (which may hold the embedded database) stalls it.
    child = spawnLaunched(
      "/bin/sh",
      [
        "-c",
        WRAPPER,
        "mergeline-sandbox",
        cgroup?.procsFile ?? "",
        String(dataLimitKb),
        command.onStdio ? "separate" : "merge",
        ...launch.argv,
      ],
      {
        cwd: command.cwd,
        // Next's typings make NODE_ENV required; the sandbox deliberately does not pass it on.
        env: launch.env as NodeJS.ProcessEnv,
        detached: true,
        stdio: [
          command.onStdio ? "pipe" : "ignore",
          "pipe",
          "pipe",
          ...Array.from({ length: launch.extraPipes ?? 0 }, () => "pipe" as const),
        ],
      },
    );
  } catch (error) {
    // spawn throws synchronously for arguments it cannot pass, e.g. a NUL byte in the command.
    const message = error instanceof Error ? error.message : String(error);
    return {
      exitCode: null,
      signal: null,
      timedOut: false,
      cancelled: false,
      output: `[sandbox: could not start the command: ${message}]`,
      truncated: false,
    };
  }
  const attached = launch.attach
    ? launch
        .attach(child)
        .catch((error: unknown) => `[sandbox: ${error instanceof Error ? error.message : String(error)}]`)
    : Promise.resolve(null);
  const [stdin, stdout, stderr] = child.stdio as [Duplex | null, Duplex, Duplex];
  if (command.onStdio && stdin) {
    // A server that exits while we write must not take the app down with EPIPE.
    stdin.on("error", () => undefined);
    command.onStdio({ stdin, stdout });
  } else stdout.on("data", (chunk: Buffer) => capture.write(chunk));
  stderr.on("data", (chunk: Buffer) => capture.write(chunk));
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
    child.once("error", (error) => resolve({ code: null, signal: null, error }));
  });

  // detached: the wrapper calls setsid, so its pid is also its process group's id.
  await child.ready;
  const rootPid = child.pid ?? -1;
  let reaped = false;
  const members = async (withTag: boolean): Promise<number[]> =>
    cgroup
      ? cgroup.members()
      : findProcessTree({
          rootPid,
          pgid: rootPid,
          envTag: withTag ? launch.envTag : undefined,
          pidNamespace: launch.pidNamespace?.() ?? undefined,
        });
  const signalAll = async (signal: NodeJS.Signals): Promise<number> => {
    const pids = await members(true);
    // Only while the leader is unreaped is its pid certain to still name our group.
    if (!reaped && rootPid > 0)
      try {
        process.kill(-rootPid, signal);
      } catch {
        /* already gone */
      }
    for (const pid of pids)
      try {
        process.kill(pid, signal);
      } catch {
        /* already gone */
      }
    return pids.length;
  };
  const killTree = async (graceMs: number): Promise<void> => {
    if (graceMs > 0) {
      await signalAll("SIGTERM");
      for (const deadline = performance.now() + graceMs; performance.now() < deadline; await sleep(50)) {
        if (reaped && (await members(true)).length === 0) return;
      }
    }
    for (let round = 0; round < 100; round++) {
      if ((await signalAll("SIGKILL")) === 0 && reaped) return;
      await sleep(20);
    }
    logger.error({ command: shown }, "sandbox: processes survived SIGKILL");
  };

  let ended: "timeout" | "cancelled" | "processes" | null = null;
  let killing: Promise<void> | null = null;
  const stop = (reason: NonNullable<typeof ended>, graceMs: number) => {
    ended ??= reason;
    killing ??= killTree(graceMs);
  };
  const timer = setTimeout(
    () => stop("timeout", options.killGraceMs),
    Math.min(command.timeoutMs ?? SANDBOX_DEFAULTS.timeoutMs, MAX_TIMER_MS),
  );
  const onAbort = () => stop("cancelled", options.killGraceMs);
  command.signal?.addEventListener("abort", onAbort, { once: true });
  let polling = false;
  const watchdog = cgroup
    ? null
    : setInterval(async () => {
        if (polling || killing) return;
        polling = true;
        try {
          const count = (await members(false)).length - launch.overheadProcesses;
          if (count > maxProcesses && !killing) {
            notes.push(`[sandbox: more than ${maxProcesses} processes; the command was killed]`);
            stop("processes", 0);
          }
        } finally {
          polling = false;
        }
      }, options.watchIntervalMs);

  const exit = await exited;
  reaped = true;
  clearTimeout(timer);
  if (watchdog) clearInterval(watchdog);
  command.signal?.removeEventListener("abort", onAbort);
  // Nothing may outlive the command: background jobs it left behind are killed too.
  if (killing) await killing;
  else if ((await members(true)).length > 0) await killTree(options.killGraceMs);
  if (!(await Promise.race([closed.then(() => true), sleep(DRAIN_MS, false)]))) {
    logger.warn({ command: shown }, "sandbox: a process outside the tree held the output open; stopped reading");
    stdout.destroy();
    stderr.destroy();
  }
  const attachNote = await attached;
  if (attachNote) notes.push(attachNote);
  const refused = (await cgroup?.refusedForks()) ?? 0;
  if (refused > 0) notes.push(`[sandbox: the limit of ${maxProcesses} processes refused ${refused} process creations]`);
  if (exit.error) notes.push(`[sandbox: could not start the command: ${exit.error.message}]`);
  const { output, truncated } = capture.finish();
  const separator = output === "" || output.endsWith("\n") ? "" : "\n";
  return {
    exitCode: exit.code,
    signal: exit.signal,
    timedOut: ended === "timeout",
    cancelled: ended === "cancelled",
    output: notes.length > 0 ? `${output}${separator}${notes.join("\n")}` : output,
    truncated,
  };
}
