import { getDb } from "@/db";
import { inngest } from "@/lib/inngest/client";
import { reapPreviews as reap } from "@/lib/validation/preview/reap-previews";

// Every minute: previews of runs that ended (merged, failed, cancelled, needs_human) and
// previews idle past MERGELINE_PREVIEW_IDLE_MINUTES are stopped, whichever process owns them.
export const reapPreviews = inngest.createFunction(
  { id: "reap-previews", triggers: [{ cron: "* * * * *" }], retries: 1 },
  async ({ step }) => step.run("reap-previews", async () => ({ stopped: await reap({ db: getDb() }) })),
);
