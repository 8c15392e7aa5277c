import type { IncomingWebhookSendArguments } from "@slack/webhook";
import type { NotificationPayload } from "./notification-payload";

// Slack's mrkdwn: these three characters must be escaped in text it shows.
const escapeMrkdwn = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

const stateWords: Record<string, string> = {
  awaiting_approval: "plan awaiting approval",
  pr_open: "pull request open",
  needs_human: "needs a person",
  failed: "failed",
  merged: "merged",
  validating: "validating",
  fixing: "fixing",
};

/** A readable Slack message: what happened, then project, run state and a link to the run. */
export function slackMessage(payload: NotificationPayload): IncomingWebhookSendArguments & { text: string } {
  const { project, run, pullRequest } = payload.data;
  const text = payload.data.message;
  if (!run || !project)
    return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: escapeMrkdwn(text) } }] };
  const details = [
    `*Project:* ${escapeMrkdwn(project.name)}`,
    `*Run:* <${run.url}|${escapeMrkdwn(run.goal)}>`,
    `*State:* ${stateWords[run.state] ?? run.state}`,
    ...(pullRequest
      ? [
          `*Pull request:* ${pullRequest.url ? `<${pullRequest.url}|#${pullRequest.number}>` : `#${pullRequest.number}`}`,
        ]
      : []),
  ];
  const failing = payload.data.validation?.failingTests ?? [];
  return {
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*${escapeMrkdwn(text)}*` } },
      { type: "section", fields: details.map((field) => ({ type: "mrkdwn", text: field })) },
      ...(failing.length > 0
        ? [
            {
              type: "section" as const,
              text: {
                type: "mrkdwn" as const,
                text: `Failing: ${failing
                  .slice(0, 5)
                  .map((name) => `\`${escapeMrkdwn(name)}\``)
                  .join(", ")}`,
              },
            },
          ]
        : []),
      {
        type: "actions",
        elements: [{ type: "button", text: { type: "plain_text", text: "Open the run" }, url: run.url }],
      },
    ],
  };
}
