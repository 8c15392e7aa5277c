import { env } from "@/lib/platform/env";

/** The run's page in the dashboard, for links from the git host; null without a public URL. */
export const runPageUrl = (runId: string): string | null =>
  env.MERGELINE_PUBLIC_URL ? `${env.MERGELINE_PUBLIC_URL.replace(/\/+$/, "")}/runs/${runId}` : null;
