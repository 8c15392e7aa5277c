import { getDb } from "@/db";
import { inngest } from "@/lib/inngest/client";
import { githubPush } from "@/lib/inngest/events";
import { handlePush } from "@/lib/intake/github/triggers/handle-push";

// A push to a repository's default branch: its projects' code indexes follow.
export const githubPushFunction = inngest.createFunction(
  { id: "github-push", triggers: [githubPush], retries: 3 },
  async ({ event, step }) =>
    step.run("handle-push", () =>
      handlePush({ db: getDb(), installationId: event.data.installationId, payload: event.data.payload }),
    ),
);
