import { getDb } from "@/db";
import { inngest } from "@/lib/inngest/client";
import { githubIssueCommentCreated, githubIssuesLabeled } from "@/lib/inngest/events";
import { handleIssueComment } from "@/lib/intake/github/triggers/handle-issue-comment";
import { handleIssueLabeled } from "@/lib/intake/github/triggers/handle-issue-labeled";
import { defaultTriggerContext } from "@/lib/intake/github/triggers/trigger-context";

// The trigger label and `/mergeline` commands. Serialized per GitHub issue (its global id),
// so that two triggers of one issue at once cannot start two runs.
export const githubIssueTrigger = inngest.createFunction(
  {
    id: "github-issue-trigger",
    triggers: [githubIssuesLabeled, githubIssueCommentCreated],
    concurrency: [{ limit: 1, key: "event.data.payload.issue.id" }],
    retries: 3,
  },
  async ({ event, step }) => {
    const { installationId, payload } = event.data;
    if (event.name === githubIssuesLabeled.name) {
      return step.run("handle-issue-labeled", () =>
        handleIssueLabeled({ context: defaultTriggerContext(getDb()), installationId, payload }),
      );
    }
    return step.run("handle-issue-comment", () =>
      handleIssueComment({ context: defaultTriggerContext(getDb()), installationId, payload }),
    );
  },
);
