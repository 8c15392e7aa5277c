import { execFile } from "node:child_process";
import { access, mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import type { CliAgentSpec } from "@/lib/agents/backends/cli-agent-specs";
import { env } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { findExecutable } from "@/lib/sandbox/find-executable";

const run = promisify(execFile);

/** Mergeline's tools directory: MERGELINE_AGENT_TOOLS_DIR, else <data dir>/agent-tools. */
export function agentToolsDir(): string {
  // A runtime path, not part of the build: without the comment Turbopack traces the whole project.
  return path.resolve(/*turbopackIgnore: true*/ env.MERGELINE_AGENT_TOOLS_DIR ?? path.join(env.dataDir, "agent-tools"));
}

export type InstalledCliAgent = { dir: string; binPath: string };

const installing = new Map<string, Promise<InstalledCliAgent>>();
const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

async function install(spec: CliAgentSpec, toolsDir: string): Promise<InstalledCliAgent> {
  const dir = path.join(toolsDir, `${spec.id}-${spec.version}`);
  const installed = { dir, binPath: path.join(dir, "node_modules", ".bin", spec.bin) };
  // The marker is written last: a directory without it is an install that did not finish.
  if (await exists(path.join(dir, ".installed"))) return installed;
  const npm = findExecutable("npm");
  if (!npm)
    throw new AppError("unavailable:agent", `${spec.label} cannot be installed: npm is not on the server's PATH`);
  const staging = `${dir}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const started = performance.now();
  try {
    // Only the npm registry, at exactly the pinned version; nothing is fetched when it runs.
    await run(
      npm,
      [
        "install",
        "--prefix",
        staging,
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
        "-E",
        `${spec.packageName}@${spec.version}`,
      ],
      { timeout: 10 * 60_000, maxBuffer: 8 * 1024 * 1024 },
    );
    // Some ship ripgrep without its execute bit (their postinstall, which npm skips, sets it).
    await run("find", [
      staging,
      "-type",
      "f",
      "-name",
      "rg",
      "-path",
      "*ripgrep*",
      "-exec",
      "chmod",
      "755",
      "{}",
      "+",
    ]).catch(() => undefined);
    if (!(await exists(path.join(staging, "node_modules", ".bin", spec.bin))))
      throw new Error(`the package has no ${spec.bin} program`);
    await writeFile(path.join(staging, ".installed"), `${spec.packageName}@${spec.version}\n`);
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    const message = error instanceof Error ? error.message.split("\n").slice(0, 3).join(" ") : String(error);
    throw new AppError(
      "unavailable:agent",
      `${spec.label} ${spec.version} could not be installed from the npm registry: ${message}`,
    );
  }
  logger.info(
    { agent: spec.id, version: spec.version, durationMs: Math.round(performance.now() - started) },
    "installed a CLI agent",
  );
  return installed;
}

/**
 * The CLI agent installed in the tools directory at its pinned version, installed from the
 * npm registry first when it is not there yet (`npm run agents:install` does it ahead of
 * time). One install at a time per agent in this process.
 */
export function ensureCliAgent(spec: CliAgentSpec, toolsDir = agentToolsDir()): Promise<InstalledCliAgent> {
  const key = `${toolsDir}:${spec.id}@${spec.version}`;
  let pending = installing.get(key);
  if (!pending) {
    pending = install(spec, toolsDir).finally(() => installing.delete(key));
    installing.set(key, pending);
  }
  return pending;
}
