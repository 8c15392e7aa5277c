import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/platform/errors";
import { forwardedEvents, forwardedEventTypes, forwardedPayloads } from "./forwarded-events";
import { readLimitedBody } from "@/lib/platform/http/read-limited-body";

/** GitHub caps webhook payloads at 25 MB; anything larger is not GitHub. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

export type GithubWebhookEvent = {
  name: string;
  /** The delivery id: Inngest drops a second event with the same id (a second line of dedupe). */
  id: string;
  /** `payload`: the action and the fields of GitHub's payload the handler reads (forwarded-events.ts). */
  data: { deliveryId: string; installationId?: number; payload: Record<string, unknown> };
};

export type WebhookDependencies = {
  /** GITHUB_WEBHOOK_SECRET; undefined when the App is not configured. */
  secret: string | undefined;
  /**
   * Takes a delivery Mergeline acts on: false when its id was seen before; otherwise
   * resolves once the delivery is durably queued for Inngest (create-webhook-dependencies.ts).
   * Throws an AppError when it cannot take it now.
   */
  accept: (event: GithubWebhookEvent) => Promise<boolean>;
};

// GitHub's headers, checked on every delivery (two patterns, where a schema would cost more).
// An event or an action name: `github/<event>.<action>` is built from them.
const NAME = /^[a-z0-9_]{1,64}$/;
const DELIVERY = /^[A-Za-z0-9-]{1,128}$/;

/** What the handler answers: a status and a JSON body. */
export type WebhookAnswer = { status: number; body: Record<string, unknown> };

/** One delivery as it arrives, whatever server carries it (handleGithubWebhook, node-webhook-handler.ts). */
export type IncomingDelivery = {
  /** A request header by its lower-case name. */
  header: (name: string) => string | null | undefined;
  /** The whole body, or an AppError (413) once it passes `maxBytes` (read-limited-body.ts). */
  readBody: (maxBytes: number) => Promise<Buffer>;
};

/**
 * Whether `signature` is GitHub's `sha256=<hex HMAC>` of these exact bytes. Computed over
 * the bytes as received (not a decoded string), so that no body is altered before it is
 * checked, and none is decoded before it is trusted.
 */
function signatureMatches(secret: string, body: Buffer, signature: string): boolean {
  if (!signature.startsWith("sha256=")) return false;
  const expected = createHmac("sha256", secret).update(body).digest();
  const given = Buffer.from(signature.slice("sha256=".length), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const ACTION_PREFIX = Buffer.from('{"action":"');
const QUOTE = 0x22;

/**
 * The action of a body that starts `{"action":"<action>"`, as GitHub's do, read without
 * parsing the rest; undefined for any other start (the body is then parsed). A body that
 * named its action twice would be read by its first: only a sender holding the secret
 * could send one, and GitHub does not.
 */
function leadingAction(body: Buffer): string | undefined {
  if (
    body.length <= ACTION_PREFIX.length ||
    body.compare(ACTION_PREFIX, 0, ACTION_PREFIX.length, 0, ACTION_PREFIX.length) !== 0
  )
    return undefined;
  const end = body.indexOf(QUOTE, ACTION_PREFIX.length);
  if (end === -1 || end - ACTION_PREFIX.length > 64) return undefined;
  const action = body.toString("latin1", ACTION_PREFIX.length, end);
  return NAME.test(action) ? action : undefined;
}

const problem = (status: number, code: string, message: string): WebhookAnswer => ({
  status,
  body: { error: { code, message } },
});

/**
 * POST /api/github/webhooks. Order matters: the signature is checked over the raw bytes
 * before anything is parsed, logged or stored; then a delivery Mergeline acts on is cut
 * down to the fields its handler reads (forwarded-events.ts) and accepted once (a
 * redelivery finds its id taken and does nothing): journaled, answered 202, and handed to
 * Inngest in the background (create-webhook-dependencies.ts). Every verified delivery is
 * answered 202.
 */
export async function receiveGithubWebhook(
  delivery: IncomingDelivery,
  { secret, accept }: WebhookDependencies,
): Promise<WebhookAnswer> {
  if (!secret) {
    return problem(
      503,
      "unavailable:github_webhooks",
      "GitHub webhooks are not configured: set GITHUB_WEBHOOK_SECRET to the GitHub App's webhook secret",
    );
  }
  let body: Buffer;
  try {
    body = await delivery.readBody(MAX_WEBHOOK_BYTES);
  } catch (error) {
    if (error instanceof AppError) return problem(error.status, error.code, error.message);
    return problem(400, "bad_request:body", "The request body could not be read");
  }
  const signature = delivery.header("x-hub-signature-256");
  if (!signature || body.length === 0 || !signatureMatches(secret, body, signature)) {
    return problem(
      401,
      "unauthorized:signature",
      "The x-hub-signature-256 signature is missing or does not match the body",
    );
  }

  const event = delivery.header("x-github-event") ?? "";
  const deliveryId = delivery.header("x-github-delivery") ?? "";
  const wrong = [
    ...(NAME.test(event) ? [] : ["x-github-event must name an event"]),
    ...(DELIVERY.test(deliveryId) ? [] : ["x-github-delivery must be a delivery id"]),
  ];
  if (wrong.length > 0) return problem(400, "bad_request:headers", wrong.join("; "));
  // No action of this event is acted on (pushes, stars, workflow runs...): nothing in the
  // body matters, so it is not parsed. Most of GitHub's traffic ends here.
  if (!forwardedEventTypes.has(event))
    return { status: 202, body: { deliveryId, event: `github/${event}`, forwarded: false } };
  // GitHub writes the action first: an action nothing acts on (a pull request opened or
  // synchronized, a check run requested...) is answered without parsing the rest either.
  const leading = leadingAction(body);
  if (leading && !forwardedEvents.has(`github/${event}.${leading}`))
    return { status: 202, body: { deliveryId, event: `github/${event}.${leading}`, forwarded: false } };
  let payload: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(body.toString("utf8"));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
    payload = parsed as Record<string, unknown>;
  } catch {
    return problem(400, "bad_request:json", "The body is not a JSON object");
  }

  const action = typeof payload.action === "string" && NAME.test(payload.action) ? payload.action : undefined;
  const name = action ? `github/${event}.${action}` : `github/${event}`;
  const installation = payload.installation as { id?: unknown } | undefined;
  const installationId =
    typeof installation?.id === "number" && Number.isSafeInteger(installation.id) ? installation.id : undefined;
  const schema = forwardedPayloads.get(name);

  // An event nothing acts on is answered and forgotten: recording it would protect nothing.
  if (!schema) return { status: 202, body: { deliveryId, event: name, forwarded: false } };
  // Only the fields its handler reads go on; a payload the handler would ignore stops here.
  const read = schema.safeParse(payload);
  if (!read.success) {
    const missing = read.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    return {
      status: 202,
      body: {
        deliveryId,
        event: name,
        forwarded: false,
        ignored: `The payload lacks what Mergeline reads (${missing})`,
      },
    };
  }

  const accepted: GithubWebhookEvent = {
    name,
    id: `github-${deliveryId}`,
    data: {
      deliveryId,
      ...(installationId === undefined ? {} : { installationId }),
      payload: { ...(action ? { action } : {}), ...read.data },
    },
  };
  try {
    if (!(await accept(accepted))) return { status: 202, body: { deliveryId, duplicate: true } };
  } catch (error) {
    if (error instanceof AppError) return problem(error.status, error.code, error.message);
    throw error;
  }
  return { status: 202, body: { deliveryId, event: name, forwarded: true } };
}

/** receiveGithubWebhook for a web Request, as the Next.js route handler gets it. */
export async function handleGithubWebhook(request: Request, dependencies: WebhookDependencies): Promise<Response> {
  const answer = await receiveGithubWebhook(
    {
      header: (name) => request.headers.get(name),
      readBody: (maxBytes) => readLimitedBody(request, maxBytes, "payload_too_large:webhook"),
    },
    dependencies,
  );
  return Response.json(answer.body, { status: answer.status });
}
