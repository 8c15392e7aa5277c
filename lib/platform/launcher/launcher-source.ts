/**
 * The launcher's program, run as `node -e` (plain CommonJS, no loader, no file to bundle):
 * it runs each requested command with execFile and sends back its output. It exits when the
 * app that started it goes away (the IPC channel closes).
 */
export const launcherSource = `
const { execFile } = require("node:child_process");
process.on("disconnect", () => process.exit(0));
process.on("message", (request) => {
  const child = execFile(
    request.file,
    request.args,
    { cwd: request.cwd, env: request.env, maxBuffer: request.maxBuffer, encoding: "buffer" },
    (error, stdout, stderr) => {
      const failure = error
        ? { message: error.message, code: error.code ?? null, signal: error.signal ?? null }
        : null;
      if (process.connected) process.send({ id: request.id, stdout, stderr, error: failure });
    },
  );
  // A command that exits without reading its input makes the write fail (EPIPE): its exit says why.
  child.stdin.on("error", () => {});
  if (typeof request.input === "string") child.stdin.end(request.input);
});
`;
