import { Inngest } from "inngest";
import { env } from "@/lib/platform/env";
import { logger } from "@/lib/platform/logger";

// One client for the app. With INNGEST_DEV set it talks to a dev server (the embedded local
// engine by default, or `npx inngest-cli dev`); otherwise to Inngest Cloud or a
// self-hosted `inngest start` at INNGEST_BASE_URL, with the signing and event keys.
export const inngest = new Inngest({
  id: "mergeline",
  isDev: env.INNGEST_DEV ? env.INNGEST_DEV !== "0" : undefined,
  baseUrl: env.INNGEST_BASE_URL,
  eventKey: env.INNGEST_EVENT_KEY,
  signingKey: env.INNGEST_SIGNING_KEY,
  logger: logger.child({ component: "inngest" }),
});
