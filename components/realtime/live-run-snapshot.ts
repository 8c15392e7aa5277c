import type { RunState } from "@/db/schema";

/**
 * What a live component needs of a run. `lastSeq`, when the server rendered it, lets
 * server props and events be ordered: whichever has the higher seq is shown.
 */
export type LiveRunSnapshot = {
  id: string;
  projectId: string;
  state: RunState;
  stateReason?: string | null;
  lastSeq?: number | null;
};
