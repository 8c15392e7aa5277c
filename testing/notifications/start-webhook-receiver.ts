import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export type ReceivedRequest = {
  headers: IncomingHttpHeaders;
  body: string;
  /** Whether `standardwebhooks` verified its signature with the receiver's secret (null: no secret). */
  verified: boolean | null;
  /** The status answered. */
  status: number;
};

/**
 * A receiver on loopback as a customer would write one: it verifies each request's
 * signature with the `standardwebhooks` library and answers with `respond`'s status (200 by
 * default), given the request and how many earlier requests carried the same webhook-id.
 * `processed` holds each webhook-id it answered 2xx, once: what the customer acts on.
 */
export async function startWebhookReceiver({
  secret,
  respond = () => 200,
}: {
  secret?: () => string | undefined;
  respond?: (request: { id: string; seen: number; body: string }) => number;
} = {}) {
  const requests: ReceivedRequest[] = [];
  const processed = new Map<string, string>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const id = String(req.headers["webhook-id"] ?? "");
      const key = secret?.();
      let verified: boolean | null = null;
      if (key) {
        try {
          new Webhook(key).verify(body, req.headers as Record<string, string>);
          verified = true;
        } catch {
          verified = false;
        }
      }
      const seen = requests.filter((request) => request.headers["webhook-id"] === id).length;
      const status = verified === false ? 401 : respond({ id, seen, body });
      requests.push({ headers: req.headers, body, verified, status });
      if (status >= 200 && status < 300 && !processed.has(id)) processed.set(id, body);
      res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "not now");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/mergeline`,
    requests,
    processed,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
