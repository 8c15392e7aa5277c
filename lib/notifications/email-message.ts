import type { NotificationPayload } from "./notification-payload";

const escapeHtml = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

/** Subject, plain text and HTML of a notification email. */
export function emailMessage(payload: NotificationPayload): { subject: string; text: string; html: string } {
  const { project, run, pullRequest, validation, message } = payload.data;
  const lines: [string, string][] = [];
  if (project) lines.push(["Project", project.name]);
  if (run) lines.push(["Run", run.goal], ["State", run.state]);
  if (run?.reason) lines.push(["Reason", run.reason]);
  if (pullRequest) lines.push(["Pull request", `#${pullRequest.number} ${pullRequest.title}`]);
  if (validation?.failingTests.length) lines.push(["Failing tests", validation.failingTests.join(", ")]);
  const link = run?.url;
  const text = [message, "", ...lines.map(([label, value]) => `${label}: ${value}`), ...(link ? ["", link] : [])].join(
    "\n",
  );
  const html = [
    `<p><strong>${escapeHtml(message)}</strong></p>`,
    `<table>${lines.map(([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join("")}</table>`,
    ...(link ? [`<p><a href="${escapeHtml(link)}">Open the run in Mergeline</a></p>`] : []),
  ].join("\n");
  return { subject: `[Mergeline] ${message.slice(0, 180)}`, text, html };
}
