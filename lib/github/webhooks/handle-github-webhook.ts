import { verify } from "@octokit/webhooks-methods";
import { z } from "zod";
import type { WebhookDeliveryValues } from "@/db/queries/installations";
import { AppError, errorResponse } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { forwardedEvents } from "./forwarded-events";
import { readLimitedBody } from "./read-limited-body";

/** GitHub caps webhook payloads at 25 MB; anything larger is not GitHub. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

export type GithubWebhookEvent = {
  name: string;
  /** The delivery id: Inngest drops a second event with the same id (a second line of dedupe). */
  id: string;
  data: { deliveryId: string; installationId?: number; payload: Record<string, unknown> };
};

export type WebhookDependencies = {
  /** GITHUB_WEBHOOK_SECRET; undefined when the App is not configured. */
  secret: string | undefined;
  /** Records a delivery; false when its id was seen before (and forwarded, or is being). */
  recordDelivery: (values: WebhookDeliveryValues) => Promise<boolean>;
  forgetDelivery: (deliveryId: string) => Promise<void>;
  send: (event: GithubWebhookEvent) => Promise<unknown>;
};

const headersSchema = z.object({
  event: z.string().regex(/^[a-z0-9_]{1,64}$/, "x-github-event must name an event"),
  delivery: z.string().regex(/^[A-Za-z0-9-]{1,128}$/, "x-github-delivery must be a delivery id"),
});
const actionSchema = z.string().regex(/^[a-z0-9_]{1,64}$/);

const problem = (status: number, code: string, message: string) => Response.json({ error: { code, message } }, { status });

/**
 * POST /api/github/webhooks. Order matters: the signature is checked over the raw bytes
 * before anything is parsed, logged or stored; then a delivery Mergeline acts on is
 * recorded once (a redelivery finds its row and does nothing) and handed to Inngest;
 * every verified delivery is answered 202.
 */
export async function handleGithubWebhook(request: Request, { secret, recordDelivery, forgetDelivery, send }: WebhookDependencies): Promise<Response> {
  if (!secret) {
    return problem(503, "unavailable:github_webhooks", "GitHub webhooks are not configured: set GITHUB_WEBHOOK_SECRET to the GitHub App's webhook secret");
  }
  let raw: string;
  try {
    raw = (await readLimitedBody(request, MAX_WEBHOOK_BYTES)).toString("utf8");
  } catch (error) {
    if (error instanceof AppError) return errorResponse(error);
    return problem(400, "bad_request:body", "The request body could not be read");
  }
  const signature = request.headers.get("x-hub-signature-256");
  if (!signature || !raw || !(await verify(secret, raw, signature))) {
    return problem(401, "unauthorized:signature", "The x-hub-signature-256 signature is missing or does not match the body");
  }

  const headers = headersSchema.safeParse({ event: request.headers.get("x-github-event"), delivery: request.headers.get("x-github-delivery") });
  if (!headers.success) return problem(400, "bad_request:headers", headers.error.issues.map((issue) => issue.message).join("; "));
  let payload: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
    payload = parsed as Record<string, unknown>;
  } catch {
    return problem(400, "bad_request:json", "The body is not a JSON object");
  }

  const { event, delivery: deliveryId } = headers.data;
  const action = actionSchema.safeParse(payload.action).data;
  const name = action ? `github/${event}.${action}` : `github/${event}`;
  const installation = payload.installation as { id?: unknown } | undefined;
  const installationId = typeof installation?.id === "number" && Number.isSafeInteger(installation.id) ? installation.id : undefined;
  const forwarded = forwardedEvents.has(name);

  // An event nothing acts on is answered and forgotten: recording it would protect nothing.
  if (!forwarded) return Response.json({ deliveryId, event: name, forwarded: false }, { status: 202 });

  const recorded = await recordDelivery({ deliveryId, event, action: action ?? null, githubInstallationId: installationId ?? null, status: "received" });
  if (!recorded) return Response.json({ deliveryId, duplicate: true }, { status: 202 });
  try {
    await send({ name, id: `github-${deliveryId}`, data: { deliveryId, ...(installationId === undefined ? {} : { installationId }), payload } });
  } catch (error) {
    // Forget the delivery so that GitHub's "Redeliver" can bring it in again.
    await forgetDelivery(deliveryId).catch(() => undefined);
    logger.error({ err: error, deliveryId, event: name }, "could not hand a GitHub webhook to Inngest");
    return problem(503, "unavailable:pipeline", "The pipeline engine is not reachable; redeliver the webhook later");
  }
  return Response.json({ deliveryId, event: name, forwarded }, { status: 202 });
}
