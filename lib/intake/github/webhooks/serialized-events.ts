import type { Inngest } from "inngest";
import type { GithubWebhookEvent } from "./handle-github-webhook";

// A webhook event is serialized once, when it is accepted: the same bytes go to the
// journal and, in a batch, to Inngest's event API.

/** The event as one line of JSON (JSON.stringify escapes line breaks), with `ts` the time it was accepted. */
export function serializeWebhookEvent(event: GithubWebhookEvent, ts = Date.now()): Buffer {
  return Buffer.from(JSON.stringify({ ...event, ts }));
}

/**
 * Sends serialized events to Inngest's event API (`POST <event API>/e/<event key>` with a
 * JSON array, the documented way to send events over HTTP), where the SDK client would
 * send them: its URL, event key and headers. Throws unless Inngest answers 200.
 */
export async function sendSerializedEvents(client: Inngest, lines: Buffer[]): Promise<void> {
  if (lines.length === 0) return;
  if (client.mode === "cloud" && !client.eventKey)
    throw new Error("INNGEST_EVENT_KEY is not set: events cannot be sent to Inngest");
  const parts: Buffer[] = [Buffer.from("[")];
  for (const [index, line] of lines.entries()) parts.push(...(index === 0 ? [line] : [Buffer.from(","), line]));
  parts.push(Buffer.from("]"));
  const url = new URL(`e/${client.eventKey ?? "NO_EVENT_KEY_SET"}`, client.eventBaseUrl);
  const headers = new Headers(client.headers);
  headers.set("content-type", "application/json");
  const response = await fetch(url, { method: "POST", headers, body: Buffer.concat(parts) });
  const text = await response.text();
  let answer: { status?: number; error?: string } = {};
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    // Not JSON: reported below with the HTTP status.
  }
  if (!response.ok || answer.error || (answer.status !== undefined && answer.status !== 200)) {
    throw new Error(
      `Inngest refused ${lines.length} event(s): HTTP ${response.status} ${answer.error ?? text.slice(0, 200)}`,
    );
  }
}
