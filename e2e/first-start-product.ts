import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

/** A Mergeline of its own, started the way a newcomer starts it: `npm start`, nothing configured. */
export type FirstStartProduct = {
  url: string;
  dataDir: string;
  /** Everything the launcher printed on stdout, as lines. */
  output: () => string[];
  /** Waits for the launcher to exit after SIGTERM; its exit code. */
  stop: () => Promise<number | null>;
};

// Settings a developer's shell (or the suite's own product) may carry, which a newcomer's has not.
const configured = /^(MERGELINE_|DATABASE_URL$|INNGEST_|LOG_LEVEL$|PORT$|REALTIME_PORT$|AUTH_|GITHUB_|OPENAI_)/;

/**
 * Starts the launcher (scripts/start.ts, which `npm start` runs) on a new data dir and the
 * given port (and the next two), with no admin password: its first start prints a one-time
 * link. Resolves once it printed its ready block.
 */
export async function startFirstStartProduct({ port }: { port: number }): Promise<FirstStartProduct> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-first-start-"));
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !configured.test(name)));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env: {
      ...env,
      MERGELINE_DATA_DIR: dataDir,
      PORT: String(port),
      REALTIME_PORT: String(port + 1),
      INNGEST_PORT: String(port + 2),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const output = () => stdout.split("\n");
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (/Mergeline is ready at/.test(stdout) && /Stop\s+Ctrl-C/.test(stdout)) {
        clearInterval(timer);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`npm start exited with ${child.exitCode}:\n${stdout}\n${stderr}`));
      }
    }, 250);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    output,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      const code = await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
