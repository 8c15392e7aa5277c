import type { runShape } from "@/inngest/local-engine/rest-shapes";

export type RunView = ReturnType<typeof runShape>;

// Generous: on a loaded 2-core machine (CI) a run with backoff can take several seconds;
// a run that never ends still fails the test.
export async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function getJson<T>(url: string, signingKey?: string): Promise<T> {
  // Inngest's REST API (and an engine with keys) takes the signing key as the bearer token.
  const response = await fetch(url, signingKey ? { headers: { authorization: `Bearer ${signingKey}` } } : {});
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** Polls the engine's REST API the way an operator's tool would. */
export function engineClient(engineUrl: string, { signingKey }: { signingKey?: string } = {}) {
  const runsOf = async (eventId: string) =>
    (await getJson<{ data: RunView[] }>(`${engineUrl}/v1/events/${eventId}/runs`, signingKey)).data;
  const run = async (runId: string) =>
    (await getJson<{ data: RunView }>(`${engineUrl}/v1/runs/${runId}`, signingKey)).data;
  return {
    runsOf,
    run,
    /** The runs an event started, once there are `count` of them. */
    runsStarted: (eventId: string, count = 1) =>
      waitFor(async () => {
        const runs = await runsOf(eventId);
        return runs.length >= count ? runs : undefined;
      }, `${count} run(s) of event ${eventId}`),
    /** A run once it has ended (Completed, Failed or Cancelled). */
    runEnded: (runId: string, timeoutMs?: number) =>
      waitFor(
        async () => {
          const view = await run(runId);
          return view.status === "Running" ? undefined : view;
        },
        `run ${runId} to end`,
        timeoutMs,
      ),
  };
}
