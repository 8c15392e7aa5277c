"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { io } from "socket.io-client";
import { REALTIME_MESSAGE, type RealtimeEvent } from "@/realtime/contract";

export type LiveRefreshProps = {
  projectIds: string[];
  runId?: string;
  /** The sidecar's public URL, or null to use this page's host on realtimePort. */
  realtimeUrl: string | null;
  realtimePort: number;
};

/**
 * Keeps a server-rendered page live without polling: it joins the sidecar's rooms and
 * re-renders the page (router.refresh) when an event arrives and after every
 * (re)connect, so nothing published while the socket was down is missed.
 */
export function LiveRefresh({ projectIds, runId, realtimeUrl, realtimePort }: LiveRefreshProps) {
  const router = useRouter();
  const key = projectIds.join(",");

  useEffect(() => {
    if (!key) return;
    const ids = key.split(",");
    const url = realtimeUrl ?? `${window.location.protocol}//${window.location.hostname}:${realtimePort}`;
    const query = ids.map((id) => `projectId=${encodeURIComponent(id)}`).join("&");
    const socket = io(url, {
      transports: ["websocket"],
      // Called on every (re)connect, so an expired token is replaced.
      auth: (send) => {
        fetch(`/api/realtime/token?${query}`, { cache: "no-store" })
          .then((response) => response.json() as Promise<{ token?: string }>)
          .then(({ token }) => send({ token }))
          .catch(() => send({}));
      },
    });
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
    socket.on("connect", () => {
      for (const projectId of ids) socket.emit("subscribe", runId ? { projectId, runId } : { projectId });
      refresh();
    });
    socket.on(REALTIME_MESSAGE, (_event: RealtimeEvent) => refresh());
    return () => {
      socket.disconnect();
    };
  }, [key, runId, realtimeUrl, realtimePort, router]);

  return null;
}
