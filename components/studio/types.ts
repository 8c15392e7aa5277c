import type { StudioCommit, StudioMessage, StudioSession } from "@/db/schema";
import type { ServerAction } from "@/components/server-action";

/** What the studio page shows: the session as the server rendered it, then kept live. */
export type StudioView = {
  session: Pick<
    StudioSession,
    "id" | "projectId" | "status" | "statusReason" | "restarts" | "branch" | "baseBranch" | "runId"
  >;
  projectName: string;
  /** The app's address, as people share it. */
  appUrl: string;
  /** What the frame loads: the address through a short-lived handoff that signs the frame in. */
  frameUrl: string;
  commits: Pick<StudioCommit, "sha" | "kind" | "description" | "message" | "files">[];
  messages: Pick<StudioMessage, "id" | "role" | "content" | "requestId">[];
  canWrite: boolean;
};

export type StudioActions = {
  send: ServerAction<{ sessionId: string; text: string }>;
  rollback: ServerAction<{ sessionId: string; commitHash: string }, { currentHash: string }>;
  finalize: ServerAction<
    { sessionId: string; title: string; description: string },
    { runId: string; pullRequestNumber: number }
  >;
  stop: ServerAction<{ sessionId: string }>;
  diff: ServerAction<{ sessionId: string; sha: string }, { diff: string; truncated: boolean }>;
};
