import { getDb } from "@/db";
import { inngest } from "@/lib/inngest/client";
import {
  githubInstallationCreated,
  githubInstallationDeleted,
  githubInstallationRepositoriesAdded,
  githubInstallationRepositoriesRemoved,
  githubInstallationSuspend,
  githubInstallationUnsuspend,
} from "@/lib/inngest/events";
import { applyInstallationEvent } from "@/lib/intake/github/triggers/apply-installation-event";

// The GitHub App's installations kept in step with GitHub: one at a time per installation,
// so that a quick install-then-add-repositories is applied in order.
export const githubInstallationLifecycle = inngest.createFunction(
  {
    id: "github-installation-lifecycle",
    triggers: [
      githubInstallationCreated,
      githubInstallationDeleted,
      githubInstallationSuspend,
      githubInstallationUnsuspend,
      githubInstallationRepositoriesAdded,
      githubInstallationRepositoriesRemoved,
    ],
    concurrency: [{ limit: 1, key: "event.data.installationId" }],
    retries: 5,
  },
  async ({ event, step }) =>
    step.run("apply-installation-event", () =>
      applyInstallationEvent({ db: getDb(), name: event.name, payload: event.data.payload }),
    ),
);
