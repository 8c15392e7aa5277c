import type { Logger } from "pino";
import { checkCel } from "./cel";
import { nextCronTime } from "./cron";
import { parseDuration } from "./duration";
import { cronSchedules, type FunctionConfig, ignoredOptions, registerRequestSchema } from "./function-config";
import type { Registry } from "./registry";
import type { EngineStore } from "./store";

export type AppSync = {
  /** Handles the SDK's sync request (POST /fn/register): 200 { ok, modified } or 400 { error }. */
  register(body: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  /** PUTs each app URL so its SDK syncs, retrying every intervalMs until it answers 2xx. */
  start(urls: string[]): void;
  stop(): void;
};

// Everything a function's config asks the engine to evaluate, checked at sync time so a
// typo fails the sync (the SDK reports it) instead of every run later.
function configProblems(fn: FunctionConfig): string[] {
  const expressions = [
    ...fn.triggers.flatMap((trigger) => ("expression" in trigger && trigger.expression ? [trigger.expression] : [])),
    ...(fn.cancel ?? []).flatMap((rule) => (rule.if ? [rule.if] : [])),
    ...[fn.concurrency]
      .flat()
      .flatMap((option) => (option && typeof option === "object" && option.key ? [option.key] : [])),
    ...(fn.debounce?.key ? [fn.debounce.key] : []),
  ];
  const problems: string[] = [];
  for (const expression of expressions) {
    try {
      checkCel(expression);
    } catch (error) {
      problems.push(
        `function "${fn.id}": expression ${JSON.stringify(expression)} is not valid CEL (${(error as Error).message.split("\n")[0]})`,
      );
    }
  }
  for (const [name, duration] of [
    ["period", fn.debounce?.period],
    ["timeout", fn.debounce?.timeout],
  ] as const) {
    if (duration !== undefined && !(Number(parseDuration(duration)) > 0))
      problems.push(`function "${fn.id}": debounce ${name} ${JSON.stringify(duration)} is not a time string like "5s"`);
  }
  for (const schedule of cronSchedules(fn)) {
    try {
      nextCronTime(schedule, Date.now());
    } catch (error) {
      problems.push(`function "${fn.id}": cron ${JSON.stringify(schedule)} is invalid (${(error as Error).message})`);
    }
  }
  return problems;
}

export function createAppSync(options: {
  store: EngineStore;
  registry: Registry;
  logger: Logger;
  intervalMs: number;
  /** Whether the engine signs (a "cloud" server to the SDK) or is an open dev server. */
  signed: boolean;
  onChange(): void;
  /** An app synced: it answers, so its held calls may go. */
  onSynced(appId: string): void;
}): AppSync {
  const { store, registry, logger, intervalMs, signed, onChange, onSynced } = options;
  const timers = new Set<NodeJS.Timeout>();
  const abort = new AbortController();
  let stopped = false;

  async function syncUrl(url: string, attempt: number): Promise<void> {
    if (stopped) return;
    try {
      const response = await fetch(url, {
        method: "PUT",
        headers: { "x-inngest-server-kind": signed ? "cloud" : "dev" },
        signal: AbortSignal.any([abort.signal, AbortSignal.timeout(30_000)]),
      });
      const text = await response.text();
      if (response.ok) return logger.info({ url }, "app synced");
      throw new Error(`HTTP ${response.status}: ${text.slice(0, 300)}`);
    } catch (error) {
      if (stopped) return;
      // The app usually starts after the engine: say so once, then keep trying quietly.
      const level = attempt === 5 ? "warn" : "debug";
      logger[level]({ url, err: (error as Error).message, attempt }, "app sync failed; retrying");
      const timer = setTimeout(() => {
        timers.delete(timer);
        void syncUrl(url, attempt + 1);
      }, intervalMs);
      timers.add(timer);
    }
  }

  return {
    async register(body) {
      const parsed = registerRequestSchema.safeParse(body);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
        return { status: 400, body: { error: `Invalid sync payload: ${issues}` } };
      }
      const { appName, url, sdk, functions } = parsed.data;
      const problems = functions.flatMap(configProblems);
      if (problems.length > 0) return { status: 400, body: { error: problems.join("; ") } };
      for (const fn of functions) {
        const ignored = ignoredOptions(fn);
        if (ignored.length > 0)
          logger.warn({ fnId: fn.id, ignored }, "function options the local engine does not enforce");
      }
      const app = { appId: appName, url, sdk: sdk ?? null, functions, syncedAt: Date.now() };
      await store.transaction((tx) => tx.saveApp(app));
      const modified = registry.setApp(app);
      logger.info({ appId: appName, url, functions: functions.map((fn) => fn.id), modified }, "app registered");
      onChange();
      onSynced(appName);
      return { status: 200, body: { ok: true, modified } };
    },
    start(urls) {
      for (const url of urls) void syncUrl(url, 1);
    },
    stop() {
      stopped = true;
      abort.abort();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
