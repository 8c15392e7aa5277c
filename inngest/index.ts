import { cancelRun } from "@/inngest/functions/cancel-run";
import { cleanupRateLimits } from "@/inngest/functions/cleanup-rate-limits";
import { mergePullRequest } from "@/inngest/functions/merge-pull-request";
import { reapPreviews } from "@/inngest/functions/reap-previews";
import { runPipeline } from "@/inngest/functions/run-pipeline";
import { stopPreview } from "@/inngest/functions/stop-preview";

// Every function the app serves at /api/inngest.
export const functions = [runPipeline, mergePullRequest, cancelRun, cleanupRateLimits, stopPreview, reapPreviews];
