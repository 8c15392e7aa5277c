import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import nextEnv from "@next/env";
import { EnvError, parseEnv } from "@/lib/platform/env-schema";
import { dataDirOwner } from "@/db/data-dir-lock";
import { childPidFile } from "./child-pid-file";
import { ensureLocalSecrets } from "./local-secrets";
import { withBuildLock } from "./build-lock";
import { needsBuild } from "./needs-build";
import { REALTIME_PID_FILE } from "./realtime-pid-file";
import { type SupervisedChild, superviseChild } from "./supervise-child";

// `npm start`: everything on one machine. Checks the configuration, builds when the build
// is missing or stale, migrates, then runs the app, the realtime sidecar and the embedded
// Inngest engine until Ctrl-C or SIGTERM, which stops every process it started. Each of
// them that dies is restarted with backoff; see the supervision below.

const root = path.resolve(import.meta.dirname, "..");
const dev = process.argv.includes("--dev");

function fail(message: string): never {
  process.stderr.write(`\nmergeline: ${message}\n\n`);
  process.exit(1);
}

// .env, .env.local and .env.production(.local) are read with Next's own rules; variables
// already set in the environment win.
nextEnv.loadEnvConfig(root, dev, { info: () => {}, error: (...args) => process.stderr.write(`${args.join(" ")}\n`) });

let config: ReturnType<typeof parseEnv>;
try {
  config = parseEnv(process.env);
} catch (error) {
  if (error instanceof EnvError) fail(error.message);
  throw error;
}

if (!config.DATABASE_URL) {
  const owner = dataDirOwner(path.join(config.dataDir, "db"));
  if (owner) {
    fail(
      `the data directory ${config.dataDir} is in use by process ${owner.pid} (${owner.command}, started ${owner.startedAt}).\n` +
        "Only one Mergeline may own an embedded database. Stop it, or set MERGELINE_DATA_DIR to another directory.",
    );
  }
}

// The embedded Inngest engine runs unless INNGEST_BASE_URL points at another Inngest.
const embeddedEngine = !config.INNGEST_BASE_URL;
const engineUrl = `http://127.0.0.1:${config.INNGEST_PORT}`;

// The embedded engine is authenticated like Inngest: the app and the engine share an event
// key and a signing key (generated into the data dir, or INNGEST_EVENT_KEY/INNGEST_SIGNING_KEY),
// and the app verifies the engine's signatures. INNGEST_DEV is never set here: a person who
// wants the SDK's unsigned dev mode sets it.
const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  ...(embeddedEngine ? { INNGEST_BASE_URL: engineUrl, MERGELINE_EMBEDDED_INNGEST: "1" } : {}),
  ...ensureLocalSecrets(config.dataDir, process.env, { embeddedEngine }),
  NODE_ENV: dev ? "development" : "production",
  NEXT_TELEMETRY_DISABLED: "1",
  MERGELINE_DATA_DIR: config.dataDir,
  MERGELINE_PARENT_PID: String(process.pid),
};
Object.assign(process.env, childEnv);
const { logger } = await import("@/lib/platform/logger");

function run(name: string, args: string[]): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: root, env: childEnv, stdio: "inherit" });
  child.on("error", (error) => logger.error({ err: error, process: name }, "could not start process"));
  return child;
}

function runToEnd(name: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = run(name, args);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${name} exited with ${signal ?? `code ${code}`}`)),
    );
  });
}

const tsx = ["--import", "tsx"];

if (!dev) {
  await withBuildLock(root, async () => {
    const reason = needsBuild(root);
    if (!reason) return;
    logger.info({ reason }, "building the app (next build)");
    await runToEnd("next build", [path.join(root, "node_modules/next/dist/bin/next"), "build"]).catch((error) =>
      fail(error.message),
    );
  });
}

await runToEnd("migrate", [...tsx, "scripts/migrate.ts"]).catch((error) => fail(error.message));

let stopping = false;
const pidFiles: string[] = [];
const writePid = (file: string) => (child: ChildProcess) => {
  if (child.pid) fs.writeFileSync(file, `${child.pid}\n`);
};

// Every process is started again when it dies, with backoff, each with its own pid file in
// the data dir. The realtime sidecar holds no state (clients refetch on reconnect). The
// engine keeps its state in its store and resumes every run after a restart; while it is
// down the app stays up (health says "degraded") and GitHub deliveries wait in the outbox,
// so it is never given up on. The app is restarted too (the engine holds its runs until it
// answers), but one that cannot stay up stops Mergeline: nothing works without it.
const supervise = (
  name: string,
  args: string[],
  pidFile: string,
  limits: { maxRestarts: number; maxDelayMs: number; stableMs: number },
): SupervisedChild => {
  pidFiles.push(pidFile);
  return superviseChild({
    name,
    start: () => run(name, args),
    logger,
    onSpawn: writePid(pidFile),
    onGiveUp: (reason) => void stopAll(1, reason),
    ...limits,
  });
};

const realtime = supervise("realtime", [...tsx, "realtime/main.ts"], path.join(config.dataDir, REALTIME_PID_FILE), {
  maxRestarts: 5,
  maxDelayMs: 5_000,
  stableMs: 30_000,
});
const engine = embeddedEngine
  ? supervise("inngest", [...tsx, "inngest/local-engine/main.ts"], childPidFile(config.dataDir, "inngest"), {
      maxRestarts: Number.POSITIVE_INFINITY,
      // Runs wait while it is down; its own start takes a second or two.
      maxDelayMs: 1_000,
      stableMs: 10_000,
    })
  : null;
const app = supervise(
  "app",
  [...tsx, "scripts/serve-app.ts", ...(dev ? ["--dev"] : [])],
  childPidFile(config.dataDir, "app"),
  { maxRestarts: 20, maxDelayMs: 2_000, stableMs: 10_000 },
);
const supervised = [realtime, app, ...(engine ? [engine] : [])];

async function stopAll(exitCode: number, reason: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ reason }, "stopping Mergeline");
  for (const child of supervised) child.stop();
  for (const file of pidFiles) fs.rmSync(file, { force: true });
  const alive = supervised
    .map((child) => child.current())
    .filter((child) => child.exitCode === null && child.signalCode === null);
  const exited = alive.map((child) => new Promise((resolve) => child.once("exit", resolve)));
  for (const child of alive) child.kill("SIGTERM");
  const timer = setTimeout(() => {
    for (const child of alive) child.kill("SIGKILL");
  }, 10_000);
  await Promise.all(exited);
  clearTimeout(timer);
  process.exit(exitCode);
}

process.on("SIGINT", () => void stopAll(0, "SIGINT"));
process.on("SIGTERM", () => void stopAll(0, "SIGTERM"));

const url = `http://${config.HOST === "0.0.0.0" ? "127.0.0.1" : config.HOST}:${config.PORT}`;
for (let waited = 0; waited < 180_000 && !stopping; waited += 250) {
  const ok = await fetch(`${url}/api/health`)
    .then((response) => response.ok)
    .catch(() => false);
  if (ok) {
    // Tell the Inngest SDK to register the app's functions with the engine now rather
    // than at the engine's next sync attempt.
    await fetch(`${url}/api/inngest`, { method: "PUT" }).catch((error) =>
      logger.warn({ err: error }, "Inngest sync failed"),
    );
    logger.info({ url, inngest: embeddedEngine ? engineUrl : config.INNGEST_BASE_URL }, "Mergeline is ready");
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
}
