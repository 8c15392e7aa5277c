import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { freePort, freeRestartablePort } from "@/bench/lib/free-port";
import { startThrowawayPostgres } from "@/bench/lib/throwaway-postgres";
import { withBuildLock } from "@/scripts/build-lock";
import { childPidFile } from "@/scripts/child-pid-file";
import { needsBuild } from "@/scripts/needs-build";
import { superviseChild } from "@/scripts/supervise-child";
import { type BalancingProxy, startBalancingProxy } from "./balancing-proxy";

const root = path.resolve(import.meta.dirname, "../..");

export type ClusterInstance = { name: string; port: number; dataDir: string; process: () => ChildProcess };

export type Cluster = {
  /** The proxy: what browsers, API clients and the engine use. */
  baseUrl: string;
  /** As RunningProduct's, for the kill storm: the engine's own port. */
  ports: { app: number; realtime: number; inngest: number };
  /** Where the engine's pid file is (childPidFile), and the cluster's logs and repositories. */
  dataDir: string;
  databaseUrl: string;
  apps: ClusterInstance[];
  sidecars: ClusterInstance[];
  proxy: BalancingProxy;
  stop: () => Promise<void>;
  close: () => Promise<void>;
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function spawnNode(script: string, env: NodeJS.ProcessEnv, log: string): ChildProcess {
  const out = fs.openSync(log, "a");
  const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: root, env, stdio: ["ignore", out, out] });
  fs.closeSync(out);
  return child;
}

function runToEnd(script: string, env: NodeJS.ProcessEnv, log: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnNode(script, env, log);
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${script} exited with ${code}; see ${log}`)),
    );
  });
}

async function waitFor(url: string, what: string, timeoutMs = 180_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await pause(250)) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(5_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
  }
  throw new Error(`${what} did not answer ${url} within ${timeoutMs / 1000} s`);
}

/**
 * Mergeline as several instances on one Postgres, the way a deployment runs it: a
 * throwaway Postgres cluster on loopback, the migrate step run by every app at once (as
 * replicas starting together do), `apps` app servers and `sidecars` realtime sidecars, each
 * its own process with its own data dir, one embedded engine (restarted when it dies, like
 * a container), and a balancing proxy in front of them. The engine reaches the apps through
 * the proxy (INNGEST_SERVE_ORIGIN), so steps are spread over every instance.
 */
export async function startCluster({
  apps: appCount = 2,
  sidecars: sidecarCount = 2,
  env: extraEnv = {},
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-cluster-")),
}: {
  apps?: number;
  sidecars?: number;
  env?: Record<string, string> | ((dir: string) => Record<string, string>);
  dir?: string;
} = {}): Promise<Cluster> {
  await withBuildLock(root, async () => {
    if (!needsBuild(root)) return;
    await new Promise<void>((resolve, reject) =>
      spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
        cwd: root,
        stdio: ["ignore", "ignore", "inherit"],
        env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
      }).once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with ${code}`)))),
    );
  });
  const postgres = startThrowawayPostgres(await freePort());
  const children: ChildProcess[] = [];
  let engine: ReturnType<typeof superviseChild> | null = null;
  let proxy: BalancingProxy | null = null;
  const stop = async () => {
    engine?.stop();
    const alive = [...children, ...(engine ? [engine.current()] : [])].filter(
      (child) => child.exitCode === null && child.signalCode === null,
    );
    await Promise.all(
      alive.map(
        (child) =>
          new Promise<void>((resolve) => {
            child.once("exit", () => resolve());
            child.kill("SIGTERM");
            setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
          }),
      ),
    );
    await proxy?.close();
    postgres.stop();
  };
  try {
    const ports = {
      // Restarted on the same ports when killed: below the kernel's ephemeral range.
      apps: await Promise.all(Array.from({ length: appCount }, freeRestartablePort)),
      sidecars: await Promise.all(Array.from({ length: sidecarCount }, freeRestartablePort)),
      engine: await freeRestartablePort(),
    };
    const names = {
      apps: ports.apps.map((_, i) => `app-${"abcdefgh"[i]}`),
      sidecars: ports.sidecars.map((_, i) => `realtime-${i}`),
    };
    proxy = await startBalancingProxy({
      apps: ports.apps.map((port, i) => ({ name: names.apps[i]!, port })),
      sidecars: ports.sidecars.map((port, i) => ({ name: names.sidecars[i]!, port })),
    });
    const engineUrl = `http://127.0.0.1:${ports.engine}`;
    // What every instance shares, as a deployment's secret and config map would give it.
    const shared: NodeJS.ProcessEnv = {
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("MERGELINE_"))),
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: (process.env.CLUSTER_LOG_LEVEL as "warn" | undefined) ?? "warn",
      DATABASE_URL: postgres.url,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      REALTIME_SECRET: randomBytes(32).toString("base64url"),
      MERGELINE_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      INNGEST_EVENT_KEY: randomBytes(32).toString("hex"),
      INNGEST_SIGNING_KEY: `signkey-cluster-${randomBytes(32).toString("hex")}`,
      INNGEST_BASE_URL: engineUrl,
      INNGEST_PORT: String(ports.engine),
      // The apps check the engine's health (it is the embedded engine, in a process of its own).
      MERGELINE_EMBEDDED_INNGEST: "1",
      INNGEST_SERVE_ORIGIN: proxy.url,
      MERGELINE_PUBLIC_URL: proxy.url,
      REALTIME_PUBLIC_URL: proxy.url,
      TRUSTED_PROXY_HOPS: "1",
      // Every process stops by itself if this one dies without stopping them (scripts/watch-parent.ts).
      MERGELINE_PARENT_PID: String(process.pid),
      ...(typeof extraEnv === "function" ? extraEnv(dir) : extraEnv),
    };
    const instanceEnv = (index: number): NodeJS.ProcessEnv => ({
      ...shared,
      PORT: String(ports.apps[index]),
      REALTIME_PORT: String(ports.sidecars[index % sidecarCount]),
      REALTIME_INTERNAL_URL: `http://127.0.0.1:${ports.sidecars[index % sidecarCount]}`,
      MERGELINE_INSTANCE_ID: names.apps[index],
      MERGELINE_DATA_DIR: path.join(dir, names.apps[index]!),
    });

    // Every app instance migrates as it starts, all at once (an advisory lock serializes them).
    await Promise.all(
      ports.apps.map((_, i) => runToEnd("scripts/migrate.ts", instanceEnv(i), path.join(dir, `migrate-${i}.log`))),
    );

    const sidecars = ports.sidecars.map((port, i) => {
      const child = spawnNode(
        "realtime/main.ts",
        { ...shared, HOST: "127.0.0.1", REALTIME_PORT: String(port) },
        path.join(dir, `${names.sidecars[i]}.log`),
      );
      children.push(child);
      return { name: names.sidecars[i]!, port, dataDir: dir, process: () => child };
    });
    const apps = ports.apps.map((port, i) => {
      const child = spawnNode("scripts/serve-app.ts", instanceEnv(i), path.join(dir, `${names.apps[i]}.log`));
      children.push(child);
      return { name: names.apps[i]!, port, dataDir: instanceEnv(i).MERGELINE_DATA_DIR!, process: () => child };
    });
    const engineEnv = {
      ...shared,
      MERGELINE_DATA_DIR: path.join(dir, "engine"),
      INNGEST_APP_URLS: `${proxy.url}/api/inngest`,
    };
    const engineLog = path.join(dir, "engine.log");
    engine = superviseChild({
      name: "inngest",
      start: () => spawnNode("inngest/local-engine/main.ts", engineEnv, engineLog),
      logger: pino({ level: "silent" }),
      onSpawn: (child) => {
        if (child.pid) fs.writeFileSync(childPidFile(dir, "inngest"), `${child.pid}\n`);
      },
      onGiveUp: () => {},
      maxRestarts: Number.POSITIVE_INFINITY,
      maxDelayMs: 1_000,
      stableMs: 10_000,
    });
    await Promise.all([
      ...sidecars.map((sidecar) => waitFor(`http://127.0.0.1:${sidecar.port}/health`, sidecar.name)),
      ...apps.map((app) => waitFor(`http://127.0.0.1:${app.port}/api/health`, app.name)),
      waitFor(`${engineUrl}/health`, "the engine"),
    ]);
    // Registers the functions at the proxy's address (INNGEST_SERVE_ORIGIN), whichever app
    // answers (the engine also syncs by itself; a sync is idempotent, so a slow one is retried).
    for (let attempt = 1; ; attempt++) {
      const synced = await fetch(`${proxy.url}/api/inngest`, {
        method: "PUT",
        signal: AbortSignal.timeout(20_000),
      }).then(
        async (response) => (response.ok ? null : `${response.status} ${await response.text()}`),
        (error: unknown) => String(error),
      );
      if (synced === null) break;
      if (attempt === 5) throw new Error(`the Inngest sync failed: ${synced}`);
      await pause(1_000);
    }
    const running = proxy;
    return {
      baseUrl: proxy.url,
      ports: { app: proxy.port, realtime: proxy.port, inngest: ports.engine },
      dataDir: dir,
      databaseUrl: postgres.url,
      apps,
      sidecars,
      proxy: running,
      stop,
      close: async () => {
        await stop();
        if (!process.env.CLUSTER_KEEP) fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
