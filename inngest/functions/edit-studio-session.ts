import { getDb } from "@/db";
import { inngest } from "@/lib/inngest/client";
import { studioMessageSent } from "@/lib/inngest/events";
import { editWithAgent } from "@/lib/studio/edit-with-agent";

// A person's instruction in a studio session: the agent edits, one commit. One at a time
// per session; not retried, since the agent would edit twice (its step answers a retry
// from the recorded result when there is one).
export const editStudioSession = inngest.createFunction(
  {
    id: "edit-studio-session",
    triggers: [studioMessageSent],
    concurrency: [{ limit: 1, key: "event.data.sessionId" }],
    retries: 0,
  },
  async ({ event, step }) =>
    step.run("agent-edit", () =>
      editWithAgent({ db: getDb(), sessionId: event.data.sessionId, requestId: event.data.requestId }),
    ),
);
