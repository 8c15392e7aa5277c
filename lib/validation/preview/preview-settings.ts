import { env } from "@/lib/platform/env";

export type PreviewSettings = {
  /** Crashes survived by restarting; the next one gives the preview up. */
  maxRestarts: number;
  /** Until the first page answers 2xx/3xx. */
  readyTimeoutMs: number;
  /** A preview whose row nobody touched for this long is stopped. */
  idleMs: number;
  /** How often the owning process checks its preview's row (stopped elsewhere, idle). */
  watchMs: number;
};

export function previewSettings(overrides: Partial<PreviewSettings> = {}): PreviewSettings {
  return {
    maxRestarts: env.MERGELINE_PREVIEW_MAX_RESTARTS,
    readyTimeoutMs: env.MERGELINE_PREVIEW_READY_SECONDS * 1000,
    idleMs: env.MERGELINE_PREVIEW_IDLE_MINUTES * 60_000,
    watchMs: 2_000,
    ...overrides,
  };
}
