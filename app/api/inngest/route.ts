import { serve } from "inngest/next";
import { inngest } from "@/lib/inngest/client";
import { functions } from "@/inngest/functions";

export const dynamic = "force-dynamic";
// A step (coding, validation) can run for many minutes.
export const maxDuration = 3600;

// GET/POST/PUT /api/inngest: the Inngest SDK endpoint (introspection, step calls, sync).
export const { GET, POST, PUT } = serve({ client: inngest, functions });
