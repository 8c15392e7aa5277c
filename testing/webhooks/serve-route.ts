import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type RouteHandler = (request: Request) => Promise<Response>;

/** What Next.js does for a route handler: a web Request from the socket, the Response written back. */
export function mountRoute(handler: () => RouteHandler) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    // Like Next.js's adapter, a web stream fed by the socket (Readable.toWeb costs twice as much).
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        req.on("data", (chunk: Buffer) =>
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)),
        );
        req.on("end", () => controller.close());
        req.on("error", (error) => controller.error(error));
      },
    });
    // A GET or HEAD (an SSE stream opened by an MCP client...) has no body.
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const init = { method: req.method, headers, ...(hasBody ? { body, duplex: "half" } : {}) } as RequestInit;
    const response = await handler()(new Request(`http://127.0.0.1${req.url}`, init));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  };
}

/**
 * For tests and benchmarks: a route handler on 127.0.0.1 (ephemeral port). `handler` is
 * asked per request, so the server can start before the route module is imported.
 */
export async function serveRoute(
  handler: () => RouteHandler,
): Promise<{ server: Server; url: string; close: () => Promise<void> }> {
  const server = createServer(mountRoute(handler));
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
