import { randomBytes } from "node:crypto";
import http from "node:http";

// Requests to a preview host through the app's proxy on 127.0.0.1, naming the host in the
// Host header (Node does not resolve *.localhost the way browsers do).

export type ProxyResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

export function requestThrough({
  port,
  host,
  path = "/",
  headers = {},
  method = "GET",
}: {
  port: number;
  host: string;
  path?: string;
  headers?: Record<string, string>;
  method?: string;
}): Promise<ProxyResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path, method, headers: { ...headers, host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error("timed out")));
    req.end();
  });
}

/**
 * Opens a websocket through the proxy (Vite's HMR protocol by default) and resolves with
 * the first text message the app sends, or with the HTTP status that refused the upgrade.
 */
export function firstWebSocketMessage({
  port,
  host,
  path = "/",
  headers = {},
  protocol = "vite-hmr",
}: {
  port: number;
  host: string;
  /** Vite's HMR socket is at `/`; Next's at `/_next/webpack-hmr`. */
  path?: string;
  headers?: Record<string, string>;
  /** The subprotocol asked for; none when empty. */
  protocol?: string;
}): Promise<{ status: number; message?: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: "127.0.0.1",
      port,
      path,
      headers: {
        ...headers,
        host,
        connection: "Upgrade",
        upgrade: "websocket",
        "sec-websocket-version": "13",
        "sec-websocket-key": randomBytes(16).toString("base64"),
        ...(protocol ? { "sec-websocket-protocol": protocol } : {}),
      },
    });
    req.on("response", (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0 });
    });
    req.on("upgrade", (res, socket, head: Buffer) => {
      // The first frame may arrive with the 101's headers, in `head`.
      let buffer = Buffer.from(head);
      const read = (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        if (buffer.length < 2) return;
        let length = buffer[1]! & 0x7f;
        let offset = 2;
        if (length === 126) {
          if (buffer.length < 4) return;
          length = buffer.readUInt16BE(2);
          offset = 4;
        }
        if (buffer.length < offset + length) return;
        socket.destroy();
        resolve({ status: res.statusCode ?? 101, message: buffer.subarray(offset, offset + length).toString("utf8") });
      };
      socket.on("data", read);
      socket.on("error", reject);
      read(Buffer.alloc(0));
    });
    req.on("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error("timed out")));
    req.end();
  });
}
