import { io, type Socket } from "socket.io-client";
import { REALTIME_MESSAGE, type RealtimeEvent } from "@/realtime/contract";

export type Room = { projectId: string; runId?: string; studioSessionId?: string };
/**
 * `missedAfter`: when the event's seq skipped past the last one seen for its run, that
 * last seq (events after it were missed); otherwise null.
 */
export type RealtimeListener = {
  onEvent?: (event: RealtimeEvent, missedAfter: number | null) => void;
  onResync?: () => void;
};
type TokenAnswer = { token?: string; url?: string | null; port?: number };

const roomKey = ({ projectId, runId, studioSessionId }: Room) =>
  runId ? `${projectId}/${runId}` : studioSessionId ? `${projectId}/studio/${studioSessionId}` : projectId;

/**
 * One socket per page, shared by every live component on it. It joins the rooms its
 * components ask for, tracks the newest seq seen per run (from server-rendered props and
 * from events) and tells listeners to resync after every (re)connect, so an event
 * published while the sidecar was down or restarting is caught by a refetch.
 */
export class RealtimeClient {
  private socket: Socket | null = null;
  private readonly rooms = new Map<string, { room: Room; count: number }>();
  private readonly listeners = new Set<RealtimeListener>();
  private readonly seqs = new Map<string, number>();
  // The projects the current socket's token names; a room outside them needs a new token.
  private tokenProjects = new Set<string>();
  private reconnectQueued = false;
  private opening = false;

  constructor(private readonly tokenPath = "/api/realtime/token") {}

  private readonly claimed = new Map<string, number>();

  /**
   * A live component shows this run's state from events itself: whole-page refreshes
   * (LiveRefresh) need not follow its state changes. Returns the release.
   */
  claimRun(runId: string): () => void {
    this.claimed.set(runId, (this.claimed.get(runId) ?? 0) + 1);
    return () => {
      const count = (this.claimed.get(runId) ?? 1) - 1;
      if (count > 0) this.claimed.set(runId, count);
      else this.claimed.delete(runId);
    };
  }

  isClaimed(runId: string): boolean {
    return this.claimed.has(runId);
  }

  /** The newest seq known for a run, or undefined. */
  lastSeq(runId: string): number | undefined {
    return this.seqs.get(runId);
  }

  /** Records a seq learnt elsewhere (server-rendered props, a refetch); never moves back. */
  noteSeq(runId: string, seq: number | null | undefined): void {
    if (seq === null || seq === undefined) return;
    if (seq > (this.seqs.get(runId) ?? -1)) this.seqs.set(runId, seq);
  }

  listen(listener: RealtimeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Joins a room for as long as the returned function is not called. */
  join(room: Room): () => void {
    const key = roomKey(room);
    const entry = this.rooms.get(key);
    if (entry) entry.count++;
    else {
      this.rooms.set(key, { room, count: 1 });
      if (!this.socket) {
        if (!this.opening) this.open();
      } else if (!this.tokenProjects.has(room.projectId)) this.queueReconnect();
      else if (this.socket.connected) this.socket.emit("subscribe", room);
    }
    return () => this.leave(key);
  }

  private leave(key: string) {
    const entry = this.rooms.get(key);
    if (!entry || --entry.count > 0) return;
    this.rooms.delete(key);
    this.socket?.emit("unsubscribe", entry.room);
    if (this.rooms.size === 0) {
      this.socket?.disconnect();
      this.socket = null;
    }
  }

  private projectIds(): string[] {
    return [...new Set([...this.rooms.values()].map(({ room }) => room.projectId))].sort();
  }

  private async fetchToken(): Promise<TokenAnswer> {
    const ids = this.projectIds();
    // POST: a dashboard's project ids may not fit in a URL.
    const response = await fetch(this.tokenPath, {
      method: "POST",
      cache: "no-store",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ projectIds: ids }),
    });
    if (!response.ok) return {};
    this.tokenProjects = new Set(ids);
    return (await response.json()) as TokenAnswer;
  }

  private open() {
    this.opening = true;
    // The sidecar's address comes with the token: the app knows its public URL. A
    // macrotask later, so that a page's burst of joins (one per card) shares one token.
    void new Promise((resolve) => setTimeout(resolve, 0))
      .then(() => this.fetchToken())
      .catch((): TokenAnswer => ({}))
      .then((answer) => {
        this.opening = false;
        if (this.rooms.size === 0) return;
        const url = answer.url ?? `${window.location.protocol}//${window.location.hostname}:${answer.port ?? 3001}`;
        let first: string | undefined = answer.token;
        const socket = io(url, {
          transports: ["websocket"],
          // Called on every (re)connect, so an expired token is replaced.
          auth: (send) => {
            if (first) {
              send({ token: first });
              first = undefined;
            } else
              this.fetchToken()
                .then((result) => send({ token: result.token }))
                .catch(() => send({}));
          },
        });
        this.socket = socket;
        socket.on("connect", () => {
          const rooms = [...this.rooms.values()].map(({ room }) => room);
          // A room joined while the token was being fetched may need a wider token.
          if (rooms.some((room) => !this.tokenProjects.has(room.projectId))) return this.queueReconnect();
          for (const room of rooms) socket.emit("subscribe", room);
          for (const listener of this.listeners) listener.onResync?.();
        });
        socket.on(REALTIME_MESSAGE, (event: RealtimeEvent) => this.dispatch(event));
        socket.on("connect_error", () => {
          // socket.io retries by itself only after network errors; a refused token (the
          // session ended, the token route failed) is retried here, slowly.
          if (!socket.active) setTimeout(() => this.socket === socket && socket.connect(), 10_000);
        });
      });
  }

  private queueReconnect() {
    if (this.reconnectQueued) return;
    this.reconnectQueued = true;
    // Rooms are usually joined in a burst (a page of cards): one new token for all of them.
    setTimeout(() => {
      this.reconnectQueued = false;
      this.socket?.disconnect().connect();
    }, 0);
  }

  private dispatch(event: RealtimeEvent) {
    let missedAfter: number | null = null;
    if (event.runId && event.seq !== null) {
      const last = this.seqs.get(event.runId);
      if (last !== undefined && event.seq > last + 1) missedAfter = last;
      this.noteSeq(event.runId, event.seq);
    }
    for (const listener of this.listeners) listener.onEvent?.(event, missedAfter);
  }
}

let shared: RealtimeClient | null = null;

/** The page's one client. */
export function getRealtimeClient(): RealtimeClient {
  shared ??= new RealtimeClient();
  return shared;
}
