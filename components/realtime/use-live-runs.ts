"use client";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import type { RunState } from "@/db/schema";
import { getRealtimeClient, type Room } from "./realtime-client";
import type { LiveRunSnapshot } from "./live-run-snapshot";
import { type RunStateChange, runStateChange } from "./run-state-change";

type Override = RunStateChange;
type RunEventsPage = {
  data: { seq: number; type: string; toState: RunState | null; data: Record<string, unknown> }[];
  lastSeq: number;
};

async function fetchMissed(runId: string, after: number): Promise<Override | null> {
  let newest: Override | null = null;
  for (let cursor = after; ; ) {
    const response = await fetch(`/api/v1/runs/${runId}/events?after=${cursor}&limit=500`, { cache: "no-store" });
    if (!response.ok) return newest;
    const page = (await response.json()) as RunEventsPage;
    for (const event of page.data) {
      if (event.type === "state.changed" && event.toState)
        newest = {
          state: event.toState,
          stateReason: typeof event.data.reason === "string" ? event.data.reason : null,
          seq: event.seq,
        };
    }
    const last = page.data.at(-1)?.seq;
    if (last === undefined || last >= page.lastSeq) return newest;
    cursor = last;
  }
}

/**
 * The runs of one room, kept live from the sidecar's events without polling: a state
 * change is applied straight from the event (no server round trip); a seq gap refetches
 * the run's missed events; a (re)connect re-renders the page (router.refresh) so runs
 * started meanwhile appear. An event for a run not shown also re-renders the page.
 */
export function useLiveRuns<T extends LiveRunSnapshot>(room: Room, initial: T[]): T[] {
  const router = useRouter();
  const [overrides, setOverrides] = useState<Record<string, Override>>({});
  const initialRef = useRef(initial);
  initialRef.current = initial;
  const known = useMemo(() => new Set(initial.map((run) => run.id)), [initial]);
  const knownRef = useRef(known);
  knownRef.current = known;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `initial` is the trigger (a new page of runs); the effect reads it through the ref
  useEffect(() => {
    const client = getRealtimeClient();
    for (const run of initialRef.current) client.noteSeq(run.id, run.lastSeq);
    const releases = initialRef.current.map((run) => client.claimRun(run.id));
    return () => {
      for (const release of releases) release();
    };
  }, [initial]);

  const { projectId, runId } = room;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the room is identified by its ids; `room` itself is a new object on every render
  useEffect(() => {
    const client = getRealtimeClient();
    const apply = (runId: string, next: Override | null) => {
      if (!next) return;
      setOverrides((current) => ((current[runId]?.seq ?? -1) >= next.seq ? current : { ...current, [runId]: next }));
      client.noteSeq(runId, next.seq);
    };
    let refreshQueued = false;
    const refresh = () => {
      if (refreshQueued) return;
      refreshQueued = true;
      // Coalesce a burst of events into one re-render.
      setTimeout(() => {
        refreshQueued = false;
        router.refresh();
      }, 50);
    };
    const stopListening = client.listen({
      onEvent: (event, missedAfter) => {
        if (event.projectId !== projectId || !event.runId || (runId && event.runId !== runId)) return;
        if (!knownRef.current.has(event.runId)) {
          if (runStateChange(event)) refresh();
          return;
        }
        const changed = runStateChange(event);
        if (missedAfter !== null) {
          const id = event.runId;
          void fetchMissed(id, missedAfter).then((missed) => apply(id, missed));
        }
        apply(event.runId, changed);
      },
      onResync: refresh,
    });
    const leave = client.join(room.runId ? { projectId, runId: room.runId } : { projectId });
    return () => {
      stopListening();
      leave();
    };
  }, [projectId, runId, router]);

  return useMemo(
    () =>
      initial.map((run) => {
        const live = overrides[run.id];
        // Server-rendered props at or past the event's seq are as new: they win.
        if (!live || (run.lastSeq ?? -1) >= live.seq) return run;
        return { ...run, state: live.state, stateReason: live.stateReason };
      }),
    [initial, overrides],
  );
}
