import { type NotificationEventType, notificationEventTypes, TEST_NOTIFICATION_EVENT } from "@/db/schema";
import type { NotificationPayload } from "@/lib/notifications/notification-payload";
import { componentRef, type JsonSchema } from "./json-schema";

const about: Record<NotificationEventType | typeof TEST_NOTIFICATION_EVENT, string> = {
  "run.plan_proposed": "A run's plan awaits a person's approval (plans confirmed automatically are not announced).",
  "run.pr_opened": "A run opened its pull request.",
  "run.needs_human": "A run was handed to a person: its budget is spent, a merge was refused, or a person must decide.",
  "run.failed": "A run failed.",
  "run.merged": "A run's pull request was merged.",
  "validation.failed": "A validation attempt failed (a fix attempt follows while the budget allows).",
  [TEST_NOTIFICATION_EVENT]: "Sent by “Send test” (POST /notification-destinations/{id}/test).",
};

const run = {
  id: "5b0d3c8e-2f4a-4c1e-9d7b-1a2b3c4d5e6f",
  goal: "Add removeItem(cart, sku) to the cart library",
  attempt: 1,
  costUsd: 0.42,
  url: "https://mergeline.example.com/runs/5b0d3c8e-2f4a-4c1e-9d7b-1a2b3c4d5e6f",
  createdAt: "2026-12-01T09:12:03.000Z",
};
const base = {
  team: { id: "0f1e2d3c-4b5a-4968-8776-655443322110" },
  project: { id: "9a8b7c6d-5e4f-4321-8abc-def012345678", name: "cart", repository: "acme/cart", provider: "github" },
  pullRequest: { number: 42, title: "Add removeItem to the cart", url: "https://github.com/acme/cart/pull/42" },
  validation: null,
} as const;

function example(type: NotificationEventType | typeof TEST_NOTIFICATION_EVENT): NotificationPayload {
  const timestamp = "2026-12-01T09:20:45.000Z";
  if (type === TEST_NOTIFICATION_EVENT) {
    return {
      type,
      timestamp,
      data: {
        ...base,
        project: null,
        run: null,
        pullRequest: null,
        message: 'Test notification from Mergeline to "CI"',
      },
    };
  }
  const states = {
    "run.plan_proposed": ["awaiting_approval", "planning", null, "Plan awaiting approval"],
    "run.pr_opened": ["pr_open", "coding", null, "Pull request (#42) opened"],
    "run.needs_human": ["needs_human", "validating", "The budget of 3 attempts is spent", "Needs a person"],
    "run.failed": ["failed", "coding", "The coding agent could not finish", "Run failed"],
    "run.merged": ["merged", "merging", null, "Merged (#42)"],
    "validation.failed": ["fixing", "validating", null, "Validation failed (attempt 1)"],
  } as const;
  const [state, previousState, reason, what] = states[type];
  return {
    type,
    timestamp,
    data: {
      ...base,
      run: { ...run, state, previousState, reason },
      pullRequest: type === "run.plan_proposed" ? null : base.pullRequest,
      validation:
        type === "validation.failed"
          ? { attempt: 1, status: "failed", failingTests: ["cart > removes an item"], summary: "1 of 12 tests failed" }
          : null,
      message: `${what}: "${run.goal}" in cart${reason ? `: ${reason}` : ""}`,
    },
  };
}

const header = (name: string, description: string, example: string): JsonSchema => ({
  name,
  in: "header",
  required: true,
  description,
  schema: { type: "string" },
  example,
});

/**
 * The OpenAPI 3.1 `webhooks` section: what a webhook destination receives for each event,
 * with the Standard Webhooks headers and an example body. Slack and email render the same payload.
 */
export function notificationWebhooks(): Record<string, JsonSchema> {
  const types = [...notificationEventTypes, TEST_NOTIFICATION_EVENT] as const;
  return Object.fromEntries(
    types.map((type) => [
      type,
      {
        post: {
          operationId: `webhook-${type.replace(/[._]/g, "-")}`,
          summary: type,
          description: `${about[type]}\n\nSigned as Standard Webhooks (https://www.standardwebhooks.com): verify \`webhook-signature\` over \`<webhook-id>.<webhook-timestamp>.<body>\` with the destination's \`whsec_\` secret (e.g. with the \`standardwebhooks\` library), and drop a \`webhook-id\` already processed: retries and resends repeat it. Answer 2xx within 15 seconds; anything else is retried with exponential backoff for up to 24 hours.`,
          tags: ["notifications"],
          parameters: [
            header(
              "webhook-id",
              "The message id: the same on every attempt and resend",
              "msg_5b0d3c8e2f4a4c1e9d7b1a2b3c4d5e6f",
            ),
            header("webhook-timestamp", "Seconds since the epoch, of this attempt", "1764580845"),
            header(
              "webhook-signature",
              "`v1,<base64 HMAC-SHA256>`, space-separated when several",
              "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=",
            ),
          ],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: { $ref: componentRef("NotificationPayload") },
                examples: { [type]: { value: example(type) } },
              },
            },
          },
          responses: { "200": { description: "Received (any 2xx)" } },
        },
      },
    ]),
  );
}
