import { env } from "@/lib/platform/env";

export type EngineStatus = {
  ok: boolean;
  error?: string;
  /** Since when the engine has failed every check, while it does. */
  downSince: Date | null;
};

// Checks are shared: one within FRESH_MS serves every caller, one up to STALE_MS old
// answers at once while a new one runs (the run page must not wait for a dead engine).
const FRESH_MS = 1_000;
const STALE_MS = 10_000;
const TIMEOUT_MS = 2_000;

type State = {
  last: { at: number; status: EngineStatus } | null;
  running: Promise<EngineStatus> | null;
  downSince: Date | null;
};
// One state per process: the custom server and Next's bundled routes load separate copies.
const key = Symbol.for("mergeline.engineStatus");
const holder = globalThis as typeof globalThis & { [key]?: State };

// The launcher gives the processes it starts the engine's address; an engine in a container
// of its own is at INNGEST_BASE_URL too.
const engineUrl = () => (env.INNGEST_BASE_URL ?? `http://127.0.0.1:${env.INNGEST_PORT}`).replace(/\/$/, "");

async function check(state: State): Promise<EngineStatus> {
  let error: string | undefined;
  try {
    const response = await fetch(`${engineUrl()}/health`, {
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (!response.ok) error = `the engine answered ${response.status}`;
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  state.downSince = error ? (state.downSince ?? new Date()) : null;
  const status = { ok: !error, ...(error ? { error } : {}), downSince: state.downSince };
  state.last = { at: Date.now(), status };
  return status;
}

/**
 * Whether the embedded Inngest engine answers, or null when Mergeline runs none (an
 * external Inngest is not checked). `maxAgeMs: 0` asks for a new check.
 */
export function getEngineStatus({ maxAgeMs = FRESH_MS }: { maxAgeMs?: number } = {}): Promise<EngineStatus | null> {
  if (env.MERGELINE_EMBEDDED_INNGEST !== "1") return Promise.resolve(null);
  const state = (holder[key] ??= { last: null, running: null, downSince: null });
  const age = state.last ? Date.now() - state.last.at : Number.POSITIVE_INFINITY;
  if (state.last && age < maxAgeMs) return Promise.resolve(state.last.status);
  state.running ??= check(state).finally(() => {
    state.running = null;
  });
  return state.last && maxAgeMs > 0 && age < STALE_MS ? Promise.resolve(state.last.status) : state.running;
}
