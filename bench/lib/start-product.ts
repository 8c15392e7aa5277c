import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { freeRestartablePort } from "./free-port";

export type RunningProduct = {
  baseUrl: string;
  ports: { app: number; realtime: number; inngest: number };
  stop: () => Promise<void>;
};

const root = path.resolve(import.meta.dirname, "../..");

/**
 * The real product as `npm start` runs it (scripts/start.ts: build when stale, migrate,
 * app + realtime sidecar + embedded engine) on a data dir and ports of its own; resolves
 * once /api/health answers 200.
 */
export async function startProduct({
  dataDir,
  env = {},
}: {
  dataDir: string;
  env?: Record<string, string>;
}): Promise<RunningProduct> {
  // Its processes are restarted on the same ports (the launcher's supervision, kill storms).
  const ports = {
    app: await freeRestartablePort(),
    realtime: await freeRestartablePort(),
    inngest: await freeRestartablePort(),
  };
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env: {
      // The embedded database unless a DATABASE_URL is given here, whatever this process has.
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== "DATABASE_URL")),
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      ...env,
      MERGELINE_DATA_DIR: dataDir,
      PORT: String(ports.app),
      REALTIME_PORT: String(ports.realtime),
      INNGEST_PORT: String(ports.inngest),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const baseUrl = `http://127.0.0.1:${ports.app}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  // A first start may build the app (next build) before serving.
  for (const deadline = Date.now() + 600_000; Date.now() < deadline; ) {
    if (child.exitCode !== null) throw new Error(`the product exited with code ${child.exitCode} before it was ready`);
    const ok = await fetch(`${baseUrl}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return { baseUrl, ports, stop };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error("the product did not become healthy within 10 minutes");
}
