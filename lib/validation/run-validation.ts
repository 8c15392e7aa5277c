import type { CommandResult, ProjectSettings } from "@/db/schema";
import { logger } from "@/lib/platform/logger";
import type { SandboxDriver } from "@/lib/sandbox/types";
import { getSetupCache } from "@/lib/validation/setup-cache/get-setup-cache";
import { listUntrackedPaths } from "@/lib/validation/setup-cache/list-untracked-paths";
import { sandboxImage } from "@/lib/validation/setup-cache/sandbox-image";
import type { SetupCache } from "@/lib/validation/setup-cache/setup-cache";
import { setupCacheKey } from "@/lib/validation/setup-cache/setup-cache-key";
import { commandEvidence } from "@/lib/validation/command-evidence";
import { summarizeFailure } from "@/lib/validation/summarize-failure";
import { toCommandResult } from "@/lib/validation/to-command-result";

export type ValidationOutcome = {
  status: "passed" | "failed" | "cancelled";
  setup: CommandResult[];
  /** The setup cache key whose entry replaced the setup commands; null when they ran. */
  setupCacheHit: string | null;
  tests: CommandResult[];
  summary: string;
};

const SETUP_TIMEOUT_MS = 15 * 60_000;
const TEST_TIMEOUT_MS = 15 * 60_000;

type CachePlan = { cache: SetupCache; key: string; before: string[]; about: Record<string, unknown> };

// The cache is an optimisation: anything wrong with it (not a git workspace, a full disk)
// is logged and validation goes on as if there were no cache.
async function planSetupCache(
  cache: SetupCache,
  input: { sandbox: SandboxDriver; workspacePath: string; setupCommands: string[]; envNames: string[]; scope?: string },
): Promise<CachePlan | null> {
  try {
    const image = sandboxImage(input.sandbox.name);
    const [before, computed] = await Promise.all([
      listUntrackedPaths(input.workspacePath),
      setupCacheKey({
        workspace: input.workspacePath,
        setupCommands: input.setupCommands,
        envNames: input.envNames,
        image,
        scope: input.scope,
      }),
    ]);
    const about = {
      image,
      setupCommands: input.setupCommands,
      envNames: input.envNames,
      dependencyFiles: computed.dependencyFiles,
    };
    return { cache, key: computed.key, before, about };
  } catch (error) {
    logger.warn(
      { err: error, workspace: input.workspacePath },
      "setup cache: cannot key this workspace; running setup without it",
    );
    return null;
  }
}

async function saveSetup(plan: CachePlan, workspacePath: string): Promise<void> {
  try {
    const before = new Set(plan.before);
    const produced = (await listUntrackedPaths(workspacePath)).filter((entry) => !before.has(entry));
    const saved = await plan.cache.save({
      key: plan.key,
      workspace: workspacePath,
      paths: produced,
      about: plan.about,
    });
    logger.info({ key: plan.key, paths: produced.length, saved }, "setup cache: setup's installed state saved");
  } catch (error) {
    logger.warn({ err: error, key: plan.key }, "setup cache: could not save");
  }
}

/**
 * Validation: the project's setup commands, then its test commands, in the sandbox, in
 * the run's workspace. Stops at the first failure. Setup may use the network (package
 * registries); tests only when the project allows it.
 *
 * Setup cache: when setup has run before with the same commands, variable names, lockfiles
 * and sandbox image (see setup-cache-key.ts), the files it created are restored instead
 * of running it; otherwise a successful setup's new untracked and ignored files are saved.
 * `setupCache: null` turns it off; the default is the data dir's cache.
 */
export async function runValidation({
  sandbox,
  workspacePath,
  settings,
  env = {},
  redact = [],
  signal,
  setupCache = getSetupCache(),
  cacheScope,
}: {
  sandbox: SandboxDriver;
  workspacePath: string;
  settings: Pick<ProjectSettings, "setupCommands" | "testCommands" | "allowNetworkInTests">;
  env?: Record<string, string>;
  redact?: string[];
  signal?: AbortSignal;
  setupCache?: SetupCache | null;
  /** Which runs may share cached setups; default: the workspace's origin repository. */
  cacheScope?: string;
}): Promise<ValidationOutcome> {
  const outcome: ValidationOutcome = { status: "passed", setup: [], setupCacheHit: null, tests: [], summary: "" };
  const plan =
    setupCache && settings.setupCommands.length > 0 && !signal?.aborted
      ? await planSetupCache(setupCache, {
          sandbox,
          workspacePath,
          setupCommands: settings.setupCommands,
          envNames: Object.keys(env),
          scope: cacheScope,
        })
      : null;
  const restored = plan ? await plan.cache.restore({ key: plan.key, workspace: workspacePath }) : null;
  if (plan && restored) {
    outcome.setupCacheHit = plan.key;
    logger.info({ key: plan.key, paths: restored.paths.length }, "setup cache: hit; setup commands skipped");
  }
  const phases = [
    {
      phase: "setup" as const,
      commands: restored ? [] : settings.setupCommands,
      network: true,
      timeoutMs: SETUP_TIMEOUT_MS,
    },
    {
      phase: "tests" as const,
      commands: settings.testCommands,
      network: settings.allowNetworkInTests,
      timeoutMs: TEST_TIMEOUT_MS,
    },
  ];
  for (const { phase, commands, network, timeoutMs } of phases) {
    for (const command of commands) {
      const startedAt = Date.now();
      const result = await sandbox.run({ command, cwd: workspacePath, env, redact, network, timeoutMs, signal });
      const recorded = toCommandResult(result);
      const evidence = await commandEvidence({ result: recorded, workspacePath, startedAt });
      outcome[phase].push(evidence ? { ...recorded, evidence } : recorded);
      if (result.cancelled || signal?.aborted) {
        return { ...outcome, status: "cancelled", summary: `Validation was cancelled during \`${command}\`.` };
      }
      if (result.exitCode !== 0) {
        // A reviewer weighing a failure wants to know the installed state was not made fresh.
        const note = outcome.setupCacheHit
          ? `\n\nSetup was not run: its result was restored from the setup cache (${outcome.setupCacheHit.slice(0, 12)}).`
          : "";
        return { ...outcome, status: "failed", summary: `${summarizeFailure(phase, outcome[phase].at(-1)!)}${note}` };
      }
    }
    // Saved before the tests run, so nothing the tests write ends up in the cache.
    if (phase === "setup" && plan && !restored) await saveSetup(plan, workspacePath);
  }
  const ran = outcome.setup.length + outcome.tests.length;
  const cached = outcome.setupCacheHit
    ? `Setup restored from the setup cache (${outcome.setupCacheHit.slice(0, 12)}). `
    : "";
  const passed =
    ran === 0 ? "No setup or test commands are configured." : `All ${ran} command${ran === 1 ? "" : "s"} passed.`;
  return { ...outcome, summary: outcome.setupCacheHit && ran === 0 ? cached.trim() : `${cached}${passed}` };
}
