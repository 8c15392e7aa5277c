import { getDb } from "@/db";
import { pruneWebhookDeliveries } from "@/db/queries/webhook-deliveries";
import { inngest } from "@/lib/inngest/client";

// Delivery ids guard against redeliveries, which GitHub allows for a few days; a month of
// them is plenty, and the table stays small.
const KEEP_DAYS = 30;

export const githubPruneDeliveries = inngest.createFunction(
  { id: "github-prune-deliveries", triggers: [{ cron: "17 3 * * *" }] },
  async ({ step }) =>
    step.run("prune-deliveries", async () => ({
      removed: await pruneWebhookDeliveries({
        db: getDb(),
        before: new Date(Date.now() - KEEP_DAYS * 24 * 3600 * 1000),
      }),
    })),
);
