/**
 * How a Slack incoming webhook URL is shown after it is saved: the URL is the credential,
 * so only its host and the last 4 characters remain (`https://hooks.slack.com/…/wxyz`).
 */
export function slackUrlHint(url: string): string {
  const parsed = new URL(url);
  const path = parsed.pathname.replace(/\/+$/, "");
  return `${parsed.origin}/…${path.length > 4 ? path.slice(-4) : ""}`;
}
