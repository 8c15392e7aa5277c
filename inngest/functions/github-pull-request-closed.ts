import { getDb } from "@/db";
import { inngest } from "@/lib/inngest/client";
import { githubPullRequestClosed } from "@/lib/inngest/events";
import { handlePullRequestClosed } from "@/lib/intake/github/triggers/handle-pull-request-closed";
import { defaultTriggerContext } from "@/lib/intake/github/triggers/trigger-context";
import { stopRunPreviews } from "@/lib/validation/preview/stop-run-previews";

// A run's PR merged or closed on GitHub (by a person, or by GitHub's auto-merge) ends the
// run; the state change stops its pipeline and is reported on its issue. Its previews go.
export const githubPullRequestClosedFunction = inngest.createFunction(
  { id: "github-pull-request-closed", triggers: [githubPullRequestClosed], retries: 3 },
  async ({ event, step }) => {
    const outcome = await step.run("handle-pull-request-closed", () =>
      handlePullRequestClosed({
        context: defaultTriggerContext(getDb()),
        installationId: event.data.installationId,
        payload: event.data.payload,
      }),
    );
    if (outcome.status === "ignored") return outcome;
    const { runId } = outcome;
    await step.run("stop-previews", () =>
      stopRunPreviews({ db: getDb(), runId, reason: "The pull request was closed." }),
    );
    return outcome;
  },
);
