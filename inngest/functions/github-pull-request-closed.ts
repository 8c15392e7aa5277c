import { getDb } from "@/db";
import { inngest } from "@/inngest/client";
import { githubPullRequestClosed } from "@/inngest/events";
import { handlePullRequestClosed } from "@/lib/github/triggers/handle-pull-request-closed";
import { defaultTriggerContext } from "@/lib/github/triggers/trigger-context";

// A run's PR merged or closed on GitHub by a person ends the run (and stops its pipeline).
export const githubPullRequestClosedFunction = inngest.createFunction(
  { id: "github-pull-request-closed", triggers: [githubPullRequestClosed], retries: 3 },
  async ({ event, step }) =>
    step.run("handle-pull-request-closed", () =>
      handlePullRequestClosed({ context: defaultTriggerContext(getDb()), installationId: event.data.installationId, payload: event.data.payload }),
    ),
);
