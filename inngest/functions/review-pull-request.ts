import { getDb } from "@/db";
import { getProjectById } from "@/db/queries/projects";
import { getReviewById } from "@/db/queries/reviews";
import { inngest } from "@/lib/inngest/client";
import { reviewRequested } from "@/lib/inngest/events";
import { getGitProvider } from "@/lib/git-provider";
import { reportReview } from "@/lib/reporting/report-review";
import { runRequestedReview } from "@/lib/reviews/run-requested-review";

// A review asked for (REST, dashboard, `/mergeline review`) or automatic (autoReview, a new
// commit on a PR reviewed before): review the PR's head, then post it on the git host. One at
// a time per project, so two commits' reviews of a PR never interleave their findings.
export const reviewPullRequestFunction = inngest.createFunction(
  {
    id: "review-pull-request",
    triggers: [reviewRequested],
    concurrency: [{ limit: 1, key: "event.data.projectId" }],
    retries: 2,
  },
  async ({ event, step }) => {
    const { projectId, pullRequest, reviewId, trigger } = event.data;
    const outcome = await step.run("review", () =>
      runRequestedReview({ db: getDb(), projectId, number: pullRequest, reviewId, trigger }),
    );
    if (outcome.status !== "completed") return outcome;
    await step.run("report-review", async () => {
      const db = getDb();
      const [project, review] = await Promise.all([
        getProjectById({ db, id: projectId }),
        getReviewById({ db, id: reviewId }),
      ]);
      if (!project || !review) return { posted: 0, updated: 0 };
      return reportReview({ db, provider: getGitProvider(project, { db }), project, review });
    });
    return outcome;
  },
);
