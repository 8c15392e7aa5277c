import { getDb } from "@/db";
import { env } from "@/lib/platform/env";
import { realtimeInternalUrl } from "@/lib/platform/realtime";
import { checkHealth, databaseProbe, type Health, realtimeProbe } from "./check-health";
import { getEngineStatus } from "./engine-status";
import { type InstanceInfo, instanceInfo } from "./instance-info";

export type AppHealth = Health & {
  /** Which instance answered, and how it is deployed: what a deployment checks. */
  instance: InstanceInfo;
  /** When these checks ran: an answer may come from a check up to STALE_MS old. */
  checkedAt: string;
  /** For each component not up: since when it has been failing its checks. */
  downSince: Record<string, string>;
};

// A health check is answered from the last result when it is fresh enough, and from one up
// to STALE_MS old while a new check runs: under load (the engine calling the app for many
// functions at once) a check waits for the database like any query, and the answer must
// not. A result older than that is never served: the caller waits for the new check.
const FRESH_MS = 1_000;
const STALE_MS = 10_000;

type State = {
  last: { at: number; health: AppHealth } | null;
  running: Promise<AppHealth> | null;
  failingSince: Map<string, number>;
};
// One state per process: the custom server (scripts/serve-app.ts) and Next's bundled route
// handler load separate copies of this module.
const key = Symbol.for("mergeline.appHealth");
const holder = globalThis as typeof globalThis & { [key]?: State };

// The engine's own status keeps track of since when it is down (the run page reads it).
const engineProbe = async () => {
  const status = await getEngineStatus({ maxAgeMs: 0 });
  if (status && !status.ok) throw new Error(status.error);
};

async function check(state: State): Promise<AppHealth> {
  const embeddedEngine = env.MERGELINE_EMBEDDED_INNGEST === "1";
  const health = await checkHealth(
    {
      database: databaseProbe(getDb()),
      realtime: realtimeProbe(realtimeInternalUrl()),
      ...(embeddedEngine ? { inngest: engineProbe } : {}),
    },
    { optional: ["inngest"] },
  );
  const now = Date.now();
  for (const [name, result] of Object.entries(health.checks)) {
    if (result.ok) state.failingSince.delete(name);
    else if (!state.failingSince.has(name)) state.failingSince.set(name, now);
  }
  const downSince = Object.fromEntries(
    [...state.failingSince].map(([name, since]) => [name, new Date(since).toISOString()]),
  );
  const result = { ...health, instance: instanceInfo(), checkedAt: new Date(now).toISOString(), downSince };
  state.last = { at: now, health: result };
  return result;
}

/**
 * The health of the app's components (database, realtime sidecar, embedded Inngest engine
 * when it runs): what GET /api/health answers and what the run page's "waiting for the
 * engine" is read from.
 */
export function getAppHealth(): Promise<AppHealth> {
  const state = (holder[key] ??= { last: null, running: null, failingSince: new Map() });
  const age = state.last ? Date.now() - state.last.at : Number.POSITIVE_INFINITY;
  if (state.last && age < FRESH_MS) return Promise.resolve(state.last.health);
  state.running ??= check(state).finally(() => {
    state.running = null;
  });
  return state.last && age < STALE_MS ? Promise.resolve(state.last.health) : state.running;
}
