import { spawn, type StdioOptions } from "node:child_process";
import type { MigrateMessage } from "./migrate-message";

/**
 * The migrate step (scripts/migrate.ts: migrations, the demo project, the first admin) in a
 * process of its own, as it opens the embedded database that the app opens next. What it
 * reports over IPC is returned; its output goes to `log`, and when it fails, what it wrote
 * on stderr (the database error in words) is the error.
 */
export function runMigrateStep({
  root,
  env,
  logToFile,
  log,
}: {
  root: string;
  env: NodeJS.ProcessEnv;
  /** Output piped into `log`; otherwise the process writes on the launcher's stdout and stderr. */
  logToFile: boolean;
  log: NodeJS.WritableStream;
}): Promise<{ messages: MigrateMessage[]; error: string | null }> {
  const stdio: StdioOptions = logToFile ? ["ignore", "pipe", "pipe", "ipc"] : ["ignore", "inherit", "pipe", "ipc"];
  return new Promise((resolve) => {
    const messages: MigrateMessage[] = [];
    const stderr: string[] = [];
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], { cwd: root, env, stdio });
    child.on("message", (message: MigrateMessage) => messages.push(message));
    child.stdout?.pipe(log, { end: false });
    child.stderr?.on("data", (chunk: Buffer) => {
      log.write(chunk);
      stderr.push(chunk.toString("utf8"));
    });
    child.on("error", (error) => resolve({ messages, error: error.message }));
    child.on("exit", (code, signal) => {
      const written = stderr
        .join("")
        .trim()
        .replace(/^Migration failed: /, "");
      resolve({
        messages,
        error: code === 0 ? null : written || `the migrate step exited with ${signal ?? `code ${code}`}`,
      });
    });
  });
}
