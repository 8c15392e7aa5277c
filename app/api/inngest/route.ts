import { serve } from "inngest/next";
import { inngest } from "@/lib/inngest/client";
import { env } from "@/lib/platform/env";
import { functions } from "@/inngest/functions";

export const dynamic = "force-dynamic";
// A step (coding, validation) can run for many minutes.
export const maxDuration = 3600;

// GET/POST/PUT /api/inngest: the Inngest SDK endpoint (introspection, step calls, sync).
// Out of dev mode (always, unless a person sets INNGEST_DEV) the SDK runs a call only when
// its X-Inngest-Signature checks out against INNGEST_SIGNING_KEY, and answers 401 otherwise;
// the embedded engine signs its calls as Inngest does (inngest/local-engine/engine-keys.ts).
// Behind a load balancer, INNGEST_SERVE_ORIGIN is the address every instance syncs, so
// Inngest's calls are spread over all of them.
export const { GET, POST, PUT } = serve({ client: inngest, functions, serveOrigin: env.INNGEST_SERVE_ORIGIN });
