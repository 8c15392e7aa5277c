import { type ChildProcess, spawn } from "node:child_process";

export type LaunchedProduct = { seconds: number; output: string; stop: () => Promise<void> };

/**
 * `npm start` as a newcomer runs it (node --import tsx scripts/start.ts) in `dir`, timed
 * until its ready block is printed; the build, the migrations and the processes included.
 */
export async function launchUntilReady({
  dir,
  env,
  timeoutMs = 1_800_000,
}: {
  dir: string;
  env: Record<string, string | undefined>;
  timeoutMs?: number;
}): Promise<LaunchedProduct> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: dir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    if (/Mergeline is ready at/.test(output)) return { seconds: (performance.now() - started) / 1000, output, stop };
    if (child.exitCode !== null) throw new Error(`npm start exited with code ${child.exitCode}:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`npm start was not ready within ${timeoutMs / 60_000} minutes:\n${output}`);
}
