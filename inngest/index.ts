import { cancelRun } from "@/inngest/functions/cancel-run";
import { followUpRun } from "@/inngest/functions/follow-up-run";
import { mergePullRequest } from "@/inngest/functions/merge-pull-request";
import { runPipeline } from "@/inngest/functions/run-pipeline";

// Every function the app serves at /api/inngest.
export const functions = [runPipeline, mergePullRequest, cancelRun, followUpRun];
