"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { getRealtimeClient } from "./realtime-client";
import { runStateChange } from "./run-state-change";

export type LiveRefreshProps = {
  projectIds: string[];
  runId?: string;
  /**
   * Kept for compatibility: the sidecar's address now comes with the token from
   * /api/realtime/token (REALTIME_PUBLIC_URL, else this page's host on REALTIME_PORT).
   */
  realtimeUrl?: string | null;
  realtimePort?: number;
};

/**
 * Keeps a server-rendered page live without polling: it joins the rooms on the page's
 * one shared socket and re-renders the page (router.refresh) when an event arrives and
 * after every (re)connect, so nothing published while the socket was down is missed.
 * Components that show run state straight from events use useLiveRun / useLiveProjectRuns.
 */
export function LiveRefresh({ projectIds, runId }: LiveRefreshProps) {
  const router = useRouter();
  const key = projectIds.join(",");

  useEffect(() => {
    if (!key) return;
    const ids = key.split(",");
    const client = getRealtimeClient();
    let refreshQueued = false;
    const refresh = () => {
      // Coalesce bursts of events into one re-render.
      if (refreshQueued) return;
      refreshQueued = true;
      setTimeout(() => {
        refreshQueued = false;
        router.refresh();
      }, 50);
    };
    const stopListening = client.listen({
      onEvent: (event) => {
        if (!ids.includes(event.projectId) || (runId && event.runId !== runId)) return;
        // A live component already shows this state change straight from the event.
        if (event.runId && client.isClaimed(event.runId) && runStateChange(event)) return;
        refresh();
      },
      onResync: refresh,
    });
    const leaves = ids.map((projectId) => client.join(runId ? { projectId, runId } : { projectId }));
    return () => {
      stopListening();
      for (const leave of leaves) leave();
    };
  }, [key, runId, router]);

  return null;
}
