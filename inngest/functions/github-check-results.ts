import { getDb } from "@/db";
import { inngest } from "@/lib/inngest/client";
import {
  githubCheckRunCompleted,
  githubCheckRunCreated,
  githubCheckSuiteCompleted,
  githubStatus,
} from "@/lib/inngest/events";
import { handleCheckEvent } from "@/lib/intake/github/triggers/handle-check-event";
import { defaultTriggerContext } from "@/lib/intake/github/triggers/trigger-context";

// External CI results on a run's PR, recorded as validation evidence; under the policy
// auto-when-all-checks-pass the last passing check requests the merge. Serialized per
// repository so that two checks finishing together request one merge.
export const githubCheckResults = inngest.createFunction(
  {
    id: "github-check-results",
    triggers: [githubCheckRunCreated, githubCheckRunCompleted, githubCheckSuiteCompleted, githubStatus],
    concurrency: [{ limit: 1, key: "event.data.payload.repository.id" }],
    retries: 3,
  },
  async ({ event, step }) =>
    step.run("record-check", () =>
      handleCheckEvent({
        context: defaultTriggerContext(getDb()),
        installationId: event.data.installationId,
        name: event.name,
        payload: event.data.payload,
      }),
    ),
);
