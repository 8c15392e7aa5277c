/**
 * The launcher's program, run as `node -e` (plain CommonJS, no loader, no file to bundle).
 * A request without a kind runs a short command with execFile and sends back its output;
 * `spawn` starts a long one (spawn-launched.ts) and relays its life: its pid, what it writes
 * on each pipe, its exit and close; `write`, `end` and `destroy` act on one of its pipes.
 * The launcher exits when the app that started it goes away (the IPC channel closes).
 */
export const launcherSource = `
const { execFile, spawn } = require("node:child_process");
process.on("disconnect", () => process.exit(0));
const send = (message) => {
  if (process.connected) process.send(message);
};
// Backpressure: output not yet written to the app (busy, or slower than the command) is
// counted, and past 4 MiB the pipes are paused until it is down to 1 MiB, so a command that
// floods its output waits on its own pipe instead of filling this process's memory.
let unsent = 0;
const paused = new Set();
function relay(message, stream) {
  if (!process.connected) return;
  const size = message.chunk.length;
  unsent += size;
  process.send(message, () => {
    unsent -= size;
    if (unsent > 1048576) return;
    for (const waiting of paused) waiting.resume();
    paused.clear();
  });
  if (unsent > 4194304 && !paused.has(stream)) {
    stream.pause();
    paused.add(stream);
  }
}
const spawned = new Map();
const errorOf = (error) => ({ message: error.message, code: error.code ?? null });

function start(request) {
  const { id } = request;
  let child;
  try {
    child = spawn(request.file, request.args, {
      cwd: request.cwd,
      env: request.env,
      detached: request.detached,
      stdio: request.stdio,
    });
  } catch (error) {
    // Arguments spawn cannot pass (a NUL byte): nothing started.
    send({ id, event: "error", error: errorOf(error) });
    send({ id, event: "close", code: null, signal: null });
    return;
  }
  spawned.set(id, child);
  send({ id, event: "spawned", pid: child.pid ?? null });
  child.on("error", (error) => {
    send({ id, event: "error", error: errorOf(error) });
    // It never started (no such file): no exit or close may follow.
    if (child.pid === undefined && spawned.delete(id)) send({ id, event: "close", code: null, signal: null });
  });
  child.stdio.forEach((stream, fd) => {
    if (!stream) return;
    // A process that exits without reading its input makes a write fail (EPIPE): its exit says why.
    stream.on("error", () => {});
    if (fd === 0) return;
    stream.on("data", (chunk) => relay({ id, event: "data", fd, chunk }, stream));
    stream.on("end", () => send({ id, event: "eof", fd }));
  });
  child.on("exit", (code, signal) => send({ id, event: "exit", code, signal }));
  child.on("close", (code, signal) => {
    if (spawned.delete(id)) send({ id, event: "close", code, signal });
  });
}

function pipeOf(request) {
  return spawned.get(request.id)?.stdio[request.fd] ?? null;
}

process.on("message", (request) => {
  if (request.kind === "spawn") return start(request);
  if (request.kind === "write") return void pipeOf(request)?.write(request.chunk);
  if (request.kind === "end") return void pipeOf(request)?.end();
  if (request.kind === "destroy") return void pipeOf(request)?.destroy();
  const child = execFile(
    request.file,
    request.args,
    { cwd: request.cwd, env: request.env, maxBuffer: request.maxBuffer, encoding: "buffer" },
    (error, stdout, stderr) => {
      const failure = error
        ? { message: error.message, code: error.code ?? null, signal: error.signal ?? null }
        : null;
      send({ id: request.id, stdout, stderr, error: failure });
    },
  );
  // A command that exits without reading its input makes the write fail (EPIPE): its exit code says why.
  child.stdin.on("error", () => {});
  if (typeof request.input === "string") child.stdin.end(request.input);
});
`;
