import type { GetStepTools } from "inngest";
import type { inngest } from "@/lib/inngest/client";

/** The step tools of a Mergeline function: what the loops in lib/pipeline drive. */
export type PipelineStep = GetStepTools<typeof inngest>;
