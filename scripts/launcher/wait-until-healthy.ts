type HealthAnswer = { status?: string; checks?: Record<string, { ok?: boolean }> };

const componentNames: Record<string, string> = {
  database: "the database",
  realtime: "the realtime sidecar",
  inngest: "the Inngest engine",
};

// After the app answers, this long for the engine (which the product works around) before
// the start is reported, saying that runs wait for it.
const ENGINE_GRACE_MS = 30_000;

/**
 * Polls the app's /api/health until every component is up ("ok"), or only the embedded
 * engine is still missing past a grace period ("degraded"), or `timeoutMs` passes; tells
 * `onProgress` what it waits for. Its probes say who sends them, so the app logs them at
 * debug level rather than as failed requests while it starts.
 */
export async function waitUntilHealthy({
  url,
  embeddedEngine,
  timeoutMs,
  stopped,
  onProgress,
  intervalMs = 250,
}: {
  url: string;
  embeddedEngine: boolean;
  timeoutMs: number;
  stopped: () => boolean;
  onProgress: (detail: string) => void;
  intervalMs?: number;
}): Promise<"ok" | "degraded" | "timeout"> {
  const started = Date.now();
  let answeredAt: number | null = null;
  let last = "";
  const report = (detail: string) => {
    if (detail !== last) onProgress(detail);
    last = detail;
  };
  report("starting the app (Next.js), the realtime sidecar and the Inngest engine");
  while (Date.now() - started < timeoutMs && !stopped()) {
    const answer = await fetch(`${url}/api/health`, {
      headers: { "x-mergeline-probe": "launcher" },
      signal: AbortSignal.timeout(5_000),
    })
      .then(async (response) => (await response.json()) as HealthAnswer)
      .catch(() => null);
    if (answer?.status === "ok") return "ok";
    if (answer) {
      answeredAt ??= Date.now();
      const waiting = Object.entries(answer.checks ?? {})
        .filter(([, check]) => !check.ok)
        .map(([name]) => componentNames[name] ?? name);
      report(`the app answers; waiting for ${waiting.join(" and ") || "its checks"}`);
      if (answer.status === "degraded" && embeddedEngine && Date.now() - answeredAt > ENGINE_GRACE_MS)
        return "degraded";
    } else if (Date.now() - started > 20_000) {
      report("starting the app (Next.js); it has not answered yet");
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return "timeout";
}
