import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verify } from "@octokit/webhooks-methods";

export type ReceivedWebhook = {
  event: string;
  action?: string;
  delivery: string;
  verified: boolean;
  body: Record<string, unknown>;
};

/** A loopback receiver for the emulator's webhooks that checks each signature with the secret. */
export async function startWebhookReceiver(
  secret: string,
): Promise<{ url: string; received: ReceivedWebhook[]; close: () => Promise<void> }> {
  const received: ReceivedWebhook[] = [];
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    req.on("end", async () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      const verified = await verify(secret, raw, String(req.headers["x-hub-signature-256"]));
      received.push({
        event: String(req.headers["x-github-event"]),
        action: body.action as string | undefined,
        delivery: String(req.headers["x-github-delivery"]),
        verified,
        body,
      });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
