import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { REALTIME_HEALTH_PATH } from "@/realtime/contract";

export type ComponentHealth = { ok: boolean; latencyMs: number; error?: string };
/**
 * `down` (503): a component the product cannot work without is not up. `degraded` (200):
 * only components the product works around are not up (the embedded Inngest engine: GitHub
 * deliveries wait in the outbox, runs resume when it is back).
 */
export type Health = {
  status: "ok" | "degraded" | "down";
  down: string[];
  degraded: string[];
  checks: Record<string, ComponentHealth>;
};
export type HealthProbe = () => Promise<void>;

const TIMEOUT_MS = 2000;

async function probe(check: HealthProbe): Promise<ComponentHealth> {
  const started = performance.now();
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref(),
      ),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: message };
  }
}

export const databaseProbe =
  (db: Database): HealthProbe =>
  async () => {
    await db.execute(sql`select 1`);
  };

export const httpProbe =
  (url: string): HealthProbe =>
  async () => {
    const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  };

export const realtimeProbe = (baseUrl: string) => httpProbe(`${baseUrl}${REALTIME_HEALTH_PATH}`);

/**
 * Runs every probe at once; the result names each component that is not up, as `down`,
 * or as `degraded` for those listed in `optional`.
 */
export async function checkHealth(
  probes: Record<string, HealthProbe>,
  { optional = [] }: { optional?: string[] } = {},
): Promise<Health> {
  const entries = await Promise.all(
    Object.entries(probes).map(async ([name, check]) => [name, await probe(check)] as const),
  );
  const checks = Object.fromEntries(entries);
  const failing = entries.filter(([, result]) => !result.ok).map(([name]) => name);
  const down = failing.filter((name) => !optional.includes(name));
  const degraded = failing.filter((name) => optional.includes(name));
  return { status: down.length > 0 ? "down" : degraded.length > 0 ? "degraded" : "ok", down, degraded, checks };
}
