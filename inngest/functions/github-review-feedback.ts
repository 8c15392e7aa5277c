import { getDb } from "@/db";
import { inngest } from "@/lib/inngest/client";
import { githubPullRequestReviewCommentCreated, githubPullRequestReviewSubmitted } from "@/lib/inngest/events";
import { handleReviewEvent } from "@/lib/intake/github/triggers/handle-review-event";
import { defaultTriggerContext } from "@/lib/intake/github/triggers/trigger-context";

// Reviews of a run's PR become follow-up work (H1b's follow-up-run function).
export const githubReviewFeedback = inngest.createFunction(
  {
    id: "github-review-feedback",
    triggers: [githubPullRequestReviewSubmitted, githubPullRequestReviewCommentCreated],
    retries: 3,
  },
  async ({ event, step }) =>
    step.run("send-review-feedback", () =>
      handleReviewEvent({
        context: defaultTriggerContext(getDb()),
        installationId: event.data.installationId,
        name: event.name,
        payload: event.data.payload,
      }),
    ),
);
