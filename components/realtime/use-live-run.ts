"use client";
import { useMemo } from "react";
import type { LiveRunSnapshot } from "./live-run-snapshot";
import { useLiveRuns } from "./use-live-runs";

/** One run (a run page), live from the run's own room. */
export function useLiveRun<T extends LiveRunSnapshot>(initial: T): T {
  const runs = useMemo(() => [initial], [initial]);
  return useLiveRuns({ projectId: initial.projectId, runId: initial.id }, runs)[0]!;
}
