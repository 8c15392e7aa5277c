import { env } from "@/lib/platform/env";

export type StudioSettings = {
  /** Dev-server restarts (after an exit or a hang) before the session fails. */
  maxRestarts: number;
  /** A session with no person's request for this long is torn down. */
  idleMs: number;
  /** Live sessions this server runs at once. */
  maxSessions: number;
  /** Until the dev server's first page answers. */
  readyTimeoutMs: number;
  /** How often the dev server is checked. */
  healthIntervalMs: number;
  /** Checks in a row without an answer that make a hang (then it is restarted). */
  hangChecks: number;
  /** How long one check waits for an answer: a page being compiled answers late, not never. */
  probeTimeoutMs: number;
  /** The commit message pattern: {description}, {timestamp}. */
  commitMessage: string;
};

export function studioSettings(overrides: Partial<StudioSettings> = {}): StudioSettings {
  return {
    maxRestarts: env.MERGELINE_STUDIO_MAX_RESTARTS,
    idleMs: env.MERGELINE_STUDIO_TIMEOUT_HOURS * 60 * 60_000,
    maxSessions: env.MERGELINE_STUDIO_MAX_SESSIONS,
    readyTimeoutMs: env.MERGELINE_PREVIEW_READY_SECONDS * 1000,
    healthIntervalMs: 3_000,
    hangChecks: 3,
    // `next dev` compiles a page on its first request (and again after an edit): 10 s and
    // more on 2 busy cores. Shorter, and a compiling server would be taken for a hung one.
    probeTimeoutMs: 10_000,
    commitMessage: env.MERGELINE_STUDIO_COMMIT_MESSAGE,
    ...overrides,
  };
}
