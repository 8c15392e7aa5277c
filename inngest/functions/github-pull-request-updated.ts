import { getDb } from "@/db";
import { inngest } from "@/lib/inngest/client";
import { githubPullRequestOpened, githubPullRequestReopened, githubPullRequestSynchronize } from "@/lib/inngest/events";
import { handlePullRequestUpdated } from "@/lib/intake/github/triggers/handle-pull-request-updated";
import { defaultTriggerContext } from "@/lib/intake/github/triggers/trigger-context";

// A PR opened, reopened or pushed to on GitHub: reviewed under the project's autoReview, or
// again when it was reviewed before (lib/intake/github/triggers/handle-pull-request-updated.ts).
export const githubPullRequestUpdated = inngest.createFunction(
  {
    id: "github-pull-request-updated",
    triggers: [githubPullRequestOpened, githubPullRequestSynchronize, githubPullRequestReopened],
    retries: 3,
  },
  async ({ event, step }) =>
    step.run("handle-pull-request-updated", () =>
      handlePullRequestUpdated({
        context: defaultTriggerContext(getDb()),
        installationId: event.data.installationId,
        payload: event.data.payload,
      }),
    ),
);
