"use client";
import type { LiveRunSnapshot } from "./live-run-snapshot";
import { useLiveRuns } from "./use-live-runs";

/** The runs shown for a project (a dashboard card), live from the project's room. */
export function useLiveProjectRuns<T extends LiveRunSnapshot>(projectId: string, initial: T[]): T[] {
  return useLiveRuns({ projectId }, initial);
}
