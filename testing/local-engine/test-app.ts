import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Inngest, InngestFunction } from "inngest";
import { serve } from "inngest/node";

export type TestApp = { url: string; close(): Promise<void> };

/** Serves real SDK functions the way the app does, on a loopback port of its own. */
export async function startTestApp(
  client: Inngest.Any,
  functions: InngestFunction.Any[],
  { path = "/api/inngest", port = 0 }: { path?: string; port?: number } = {},
): Promise<TestApp> {
  const handler = serve({ client, functions });
  const server = createServer((req, res) => {
    if (req.url?.startsWith(path)) return void handler(req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Asks the app's SDK to sync (what the engine does on start); throws unless it succeeds. */
export async function syncApp(appUrl: string): Promise<void> {
  const response = await fetch(appUrl, { method: "PUT" });
  if (!response.ok) throw new Error(`sync failed: HTTP ${response.status} ${await response.text()}`);
}

/** A loopback port that was free a moment ago: for a process that must start later on it. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
