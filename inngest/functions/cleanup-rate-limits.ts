import { getDb } from "@/db";
import { inngest } from "@/lib/inngest/client";
import { cleanupRateLimits as deleteExpiredWindows } from "@/lib/rate-limit";

// Rate-limit counters are one row per key and window; without this the table would keep
// every key ever seen. Every 15 minutes is enough: a window is 15 minutes by default.
export const cleanupRateLimits = inngest.createFunction(
  { id: "cleanup-rate-limits", triggers: [{ cron: "*/15 * * * *" }], retries: 2 },
  async ({ step }) => {
    const deleted = await step.run("delete-expired-windows", () => deleteExpiredWindows({ db: getDb() }));
    return { deleted };
  },
);
