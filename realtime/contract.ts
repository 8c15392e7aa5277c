import { z } from "zod";

// The one thing the app and the sidecar share: event names, payloads and room names.

export const realtimeEventTypes = [
  "project.status.updated",
  "agent.run.started",
  "agent.run.completed",
  "plan.proposed",
  "pr.created",
  "pr.updated",
  "validation.started",
  "validation.completed",
  "notification.new",
  // A studio session's status, dev-server log lines, new commits and chat (lib/studio).
  "studio.session.updated",
  "studio.log",
  "studio.commit",
  "studio.message",
] as const;
export type RealtimeEventType = (typeof realtimeEventTypes)[number];

export const realtimeEventSchema = z.object({
  type: z.enum(realtimeEventTypes),
  projectId: z.uuid(),
  runId: z.uuid().nullable().default(null),
  // The run's sequence number after this event: a client that sees a gap refetches.
  seq: z.number().int().nonnegative().nullable().default(null),
  // Studio events name their session: they go to its room (and its status to the project's).
  studioSessionId: z.uuid().optional(),
  data: z.record(z.string(), z.unknown()).default({}),
});
export type RealtimeEvent = z.infer<typeof realtimeEventSchema>;
export type RealtimeEventInput = z.input<typeof realtimeEventSchema>;

// Browsers receive every event under this one socket.io event name.
export const REALTIME_MESSAGE = "event";

export const subscribeSchema = z.object({
  projectId: z.uuid(),
  runId: z.uuid().optional(),
  studioSessionId: z.uuid().optional(),
});
export type Subscribe = z.infer<typeof subscribeSchema>;

export const projectRoom = (projectId: string) => `project:${projectId}`;
// A run room is scoped by its project: a client that names the wrong project for a run
// joins a room nothing is ever sent to.
export const runRoom = (projectId: string, runId: string) => `run:${runId}:${projectId}`;
// Likewise a studio session's room, where its log lines and chat go.
export const studioRoom = (projectId: string, sessionId: string) => `studio:${sessionId}:${projectId}`;

/** The room a subscription names: a run's, a studio session's, or the project's. */
export const subscriptionRoom = ({ projectId, runId, studioSessionId }: Subscribe): string =>
  runId ? runRoom(projectId, runId) : studioSessionId ? studioRoom(projectId, studioSessionId) : projectRoom(projectId);

export const realtimeTokenClaimsSchema = z.object({
  sub: z.string().min(1),
  projects: z.array(z.uuid()).max(10_000),
});
export type RealtimeTokenClaims = z.infer<typeof realtimeTokenClaimsSchema>;

export const REALTIME_TOKEN_AUDIENCE = "mergeline-realtime";
export const REALTIME_PUBLISH_PATH = "/publish";
export const REALTIME_HEALTH_PATH = "/health";

// The table @socket.io/postgres-adapter and -emitter share (created by the app's migrations).
export const SOCKET_IO_ATTACHMENTS_TABLE = "socket_io_attachments";
// socket.io's default namespace, where browsers connect and the app's emitter publishes.
export const REALTIME_NAMESPACE = "/";

/** The rooms an event is delivered to: its project's, and its run's when it has one. */
export const eventRooms = (
  event: Pick<RealtimeEvent, "projectId" | "runId" | "type"> & {
    studioSessionId?: string | null;
  },
): string[] => {
  if (event.studioSessionId) {
    const room = studioRoom(event.projectId, event.studioSessionId);
    return event.type === "studio.session.updated" ? [projectRoom(event.projectId), room] : [room];
  }
  return event.runId
    ? [projectRoom(event.projectId), runRoom(event.projectId, event.runId)]
    : [projectRoom(event.projectId)];
};
