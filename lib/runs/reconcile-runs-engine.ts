import { inngest } from "@/lib/inngest/client";

/** A function run as Inngest's REST API reports it (GET /v1/events/{eventId}/runs). */
export type PipelineFunctionRun = {
  runId: string;
  functionId: string;
  status: string;
  endedAt: Date | null;
  error: string | null;
};

export type PipelineEngine = {
  /** The function runs an event started; [] when Inngest knows no such event. Throws when it does not answer. */
  functionRunsOf(eventId: string): Promise<PipelineFunctionRun[]>;
  /**
   * Inngest's id for the `run/requested` event of a run that did not record it (made before
   * runs did), looked up among those received around its creation; null when there is none.
   */
  runRequestedEventOf(run: { id: string; createdAt: Date }): Promise<string | null>;
};

type EventView = { internal_id?: string; data?: { runId?: unknown } | null };

type RunView = {
  run_id?: string;
  function_id?: string;
  status?: string;
  ended_at?: string | null;
  error?: { message?: string } | string | null;
};

/**
 * Inngest's REST API where the SDK client sends events: the embedded engine, a self-hosted
 * `inngest start`, the dev server or Inngest Cloud (api.inngest.com), with the signing key
 * as the bearer token (the dev server needs none).
 */
export function reconcileRunsEngine({
  baseUrl = inngest.apiBaseUrl,
  signingKey = inngest.mode === "cloud" ? inngest.signingKey : undefined,
  timeoutMs = 10_000,
}: {
  baseUrl?: string;
  signingKey?: string;
  timeoutMs?: number;
} = {}): PipelineEngine {
  // The JSON body, or null for 404 (Inngest knows no such thing); throws on anything else.
  const get = async <T>(path: string): Promise<T | null> => {
    const url = new URL(path, baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
    const response = await fetch(url, {
      headers: signingKey ? { authorization: `Bearer ${signingKey}` } : {},
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`Inngest answered HTTP ${response.status} for ${url.pathname}`);
    return (await response.json()) as T;
  };
  return {
    async functionRunsOf(eventId) {
      const page = await get<{ data?: RunView[] | null }>(`v1/events/${encodeURIComponent(eventId)}/runs`);
      return (page?.data ?? []).map((run) => ({
        runId: run.run_id ?? "",
        functionId: run.function_id ?? "",
        status: run.status ?? "Unknown",
        endedAt: run.ended_at ? new Date(run.ended_at) : null,
        error: typeof run.error === "string" ? run.error : (run.error?.message ?? null),
      }));
    },
    async runRequestedEventOf(run) {
      // The event is sent right after the run is inserted: a minute's window holds it.
      const from = new Date(run.createdAt.getTime() - 5_000).toISOString();
      const to = new Date(run.createdAt.getTime() + 60_000).toISOString();
      const page = await get<{ data?: EventView[] | null }>(
        `v1/events?name=run%2Frequested&received_after=${from}&received_before=${to}&limit=100`,
      );
      return page?.data?.find((event) => event.data?.runId === run.id)?.internal_id ?? null;
    },
  };
}
