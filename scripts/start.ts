import { type ChildProcess, spawn, type StdioOptions } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import nextEnv from "@next/env";
import pino from "pino";
import { dataDirOwner } from "@/db/data-dir-lock";
import { EnvError, parseEnv } from "@/lib/platform/env-schema";
import { childPidFile } from "./child-pid-file";
import { checkInstall } from "./launcher/check-install";
import { formatDuration } from "./launcher/format-duration";
import { humanLogStream } from "./launcher/human-log-stream";
import { openLogFile } from "./launcher/open-log-file";
import { readyBlock, type SignIn } from "./launcher/ready-block";
import { relayOutput } from "./launcher/relay-output";
import { runBuild } from "./launcher/run-build";
import { runMigrateStep } from "./launcher/run-migrate-step";
import { createTerminal } from "./launcher/terminal";
import { waitUntilHealthy } from "./launcher/wait-until-healthy";
import { ensureLocalSecrets } from "./local-secrets";
import { withBuildLock } from "./build-lock";
import { needsBuild } from "./needs-build";
import { REALTIME_PID_FILE } from "./realtime-pid-file";
import { type SupervisedChild, superviseChild } from "./supervise-child";

// `npm start`: everything on one machine, told as phases a person can follow: the install
// check, the build when it is missing or stale (its output in a log file), migrations, then
// the app, the realtime sidecar and the embedded Inngest engine, and one final block with
// the address, the sign-in link and how to stop. The processes' logs go to a file
// (MERGELINE_LOG_FILE); their errors are also shown here. Ctrl-C or SIGTERM stops every
// process it started; each one that dies is restarted with backoff (see below).

const root = path.resolve(import.meta.dirname, "..");
const dev = process.argv.includes("--dev");
const startedAt = Date.now();
const out = process.stdout;
const terminal = createTerminal({ out, tty: Boolean(out.isTTY), color: Boolean(out.isTTY && out.hasColors?.()) });
const shown = (file: string) => {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
};

function fail(message: string): never {
  process.stderr.write(`\n  mergeline: ${message}\n\n`);
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
const { version } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };
terminal.line();
terminal.line(
  `  ${terminal.strong("Mergeline")} ${version} ${terminal.dim(`· Node.js ${process.versions.node} · data in ${shown(config.dataDir)}`)}`,
);
terminal.line();

const install = terminal.phase("Install", "checking Node.js and node_modules");
const installed = checkInstall({ root, nodeVersion: process.versions.node });
if (!installed.ok) {
  install.fail("not ready");
  fail(installed.problem);
}
install.done(installed.detail);

if (!config.DATABASE_URL) {
  const owner = dataDirOwner(path.join(config.dataDir, "db"));
  if (owner) {
    fail(
      `the data directory ${config.dataDir} is in use by process ${owner.pid} (${owner.command}, started ${owner.startedAt}).\n` +
        "  Only one Mergeline may own an embedded database. Stop it, or set MERGELINE_DATA_DIR to another directory.\n" +
        "  For a new sign-in link while it runs: npm run auth:sign-in-link",
    );
  }
}

// The embedded Inngest engine runs unless INNGEST_BASE_URL points at another Inngest.
const embeddedEngine = !config.INNGEST_BASE_URL;
const engineUrl = `http://127.0.0.1:${config.INNGEST_PORT}`;

// The processes' logs: a file by default, so that the terminal shows the start-up and
// problems only; "-" keeps them on stdout as JSON lines (containers, log shippers).
const logFile =
  config.MERGELINE_LOG_FILE === "-"
    ? null
    : path.resolve(config.MERGELINE_LOG_FILE ?? path.join(config.dataDir, "logs", "mergeline.log"));
const logStream = logFile ? openLogFile(logFile) : process.stdout;

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
const { createLogger } = await import("@/lib/platform/logger");
// The launcher's own lines: all to the log, warnings and errors (restarts) also here, in words.
const logger = createLogger(
  pino.multistream([
    { level: "trace", stream: logStream },
    ...(logFile ? [{ level: "warn" as const, stream: humanLogStream((text) => terminal.problem(text)) }] : []),
  ]),
);

const stdio: StdioOptions = logFile ? ["ignore", "pipe", "pipe"] : ["ignore", "inherit", "inherit"];

function run(name: string, args: string[]): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: root, env: childEnv, stdio });
  child.on("error", (error) => logger.error({ err: error, process: name }, "could not start process"));
  if (logFile) relayOutput({ child, name, log: logStream, onProblem: (text) => terminal.problem(text) });
  return child;
}

const tsx = ["--import", "tsx"];

if (!dev) {
  await withBuildLock(root, async () => {
    const reason = needsBuild(root);
    if (!reason) {
      terminal.phase("Build", "").done("up to date");
      return;
    }
    const buildLog = path.join(config.dataDir, "logs", "build.log");
    const build = terminal.phase(
      "Build",
      reason === "missing" ? "first build: compiling" : "sources changed: compiling",
    );
    const started = Date.now();
    const result = await runBuild({ root, env: childEnv, logFile: buildLog, onStage: (stage) => build.update(stage) });
    if (!result.ok) {
      build.fail(`${result.reason} · log: ${shown(buildLog)}`);
      for (const line of result.lastLines) terminal.line(`      ${line}`);
      fail(`the build failed; its whole output is in ${shown(buildLog)}`);
    }
    build.done(`built in ${formatDuration(Date.now() - started)} · log: ${shown(buildLog)}`);
  });
}

// Migrations, the demo project and the first admin (run-migrate-step.ts).
const database = terminal.phase(
  "Database",
  config.DATABASE_URL ? "migrating Postgres" : "migrating the embedded database",
);
const migrated = await runMigrateStep({ root, env: childEnv, logToFile: Boolean(logFile), log: logStream });
if (migrated.error) {
  database.fail("could not migrate");
  fail(migrated.error);
}
const migratedDb = migrated.messages.find((message) => message.type === "database");
database.done(
  `${config.DATABASE_URL ? "Postgres" : `embedded PGlite in ${shown(path.join(config.dataDir, "db"))}`} migrated` +
    (migratedDb ? ` in ${formatDuration(migratedDb.ms)}` : ""),
);
const demo = migrated.messages.find((message) => message.type === "demo");
if (demo) terminal.phase("Demo", "").done(`project demo-cart created, a git repository in ${shown(demo.repository)}`);
const firstAdmin = migrated.messages.find((message) => message.type === "first-admin");
const signIn: SignIn = !firstAdmin
  ? { kind: "existing" }
  : firstAdmin.link && firstAdmin.expiresAt
    ? { kind: "link", email: firstAdmin.email, link: firstAdmin.link, expiresAt: firstAdmin.expiresAt }
    : { kind: "password", email: firstAdmin.email };

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

const processes = terminal.phase("Processes", "starting the app, the realtime sidecar and the Inngest engine");
const processesStarted = Date.now();
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
  if (reason === "SIGINT" || reason === "SIGTERM") terminal.line("  Stopping Mergeline…");
  else terminal.problem(`stopping Mergeline: ${reason}`);
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
  if (logFile) await new Promise<void>((resolve) => (logStream as fs.WriteStream).end(() => resolve()));
  process.exit(exitCode);
}

process.on("SIGINT", () => void stopAll(0, "SIGINT"));
process.on("SIGTERM", () => void stopAll(0, "SIGTERM"));

const url = `http://${config.HOST === "0.0.0.0" ? "127.0.0.1" : config.HOST}:${config.PORT}`;
const health = await waitUntilHealthy({
  url,
  embeddedEngine,
  timeoutMs: 180_000,
  stopped: () => stopping,
  onProgress: (detail) => processes.update(detail),
});
if (stopping) await new Promise(() => {});
if (health === "timeout") {
  processes.fail(`the app did not answer within 3 minutes · log: ${logFile ? shown(logFile) : "stdout"}`);
  await stopAll(1, "the app did not start");
} else {
  // Tell the Inngest SDK to register the app's functions with the engine now rather than at
  // the engine's next sync attempt.
  await fetch(`${url}/api/inngest`, { method: "PUT" }).catch((error) =>
    logger.warn({ err: error }, "Inngest sync failed"),
  );
  const engineNote = health === "degraded" ? "; the Inngest engine is still starting (runs wait for it)" : "";
  processes.done(
    `app, realtime sidecar and Inngest engine up in ${formatDuration(Date.now() - processesStarted)}${engineNote}`,
  );
  logger.info(
    { url, inngest: embeddedEngine ? engineUrl : config.INNGEST_BASE_URL, ms: Date.now() - startedAt },
    "Mergeline is ready",
  );
  const publicUrl = config.MERGELINE_PUBLIC_URL?.replace(/\/+$/, "") ?? url;
  for (const line of readyBlock({
    terminal,
    url: publicUrl,
    signIn,
    logFile: logFile && shown(logFile),
    pid: process.pid,
  }))
    terminal.line(line);
}
