import { Inngest } from "inngest";
import { env } from "@/lib/platform/env";
import { logger } from "@/lib/platform/logger";

// One client for the app. Out of dev mode, as `npm start` runs it against the embedded
// engine and as production runs against Inngest Cloud or a self-hosted `inngest start`
// (INNGEST_BASE_URL): events go out with INNGEST_EVENT_KEY, and /api/inngest serves only
// calls signed with INNGEST_SIGNING_KEY. Dev mode (unsigned calls, no keys) only when a
// person sets INNGEST_DEV, e.g. for `npx inngest-cli dev`.
export const inngest = new Inngest({
  id: "mergeline",
  isDev: env.INNGEST_DEV ? !["0", "false"].includes(env.INNGEST_DEV.toLowerCase()) : false,
  baseUrl: env.INNGEST_BASE_URL,
  eventKey: env.INNGEST_EVENT_KEY,
  signingKey: env.INNGEST_SIGNING_KEY,
  logger: logger.child({ component: "inngest" }),
});
