import { createServer, type IncomingMessage, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";

export type Upstream = { name: string; port: number };

export type BalancingProxy = {
  url: string;
  port: number;
  /** Requests each upstream got, by name (websocket upgrades included). */
  served: Map<string, number>;
  /** `/api/inngest` calls each app upstream got (the engine's step calls and syncs). */
  inngestCalls: Map<string, number>;
  /** Sends every new app request to this upstream (by index), or spreads them again (null). */
  pinApps: (index: number | null) => void;
  close: () => Promise<void>;
};

// A cookie that pins a browser's realtime connection to one sidecar, as a load balancer's
// session affinity would: the test puts one browser on each sidecar.
export const SIDECAR_COOKIE = "mergeline-test-sidecar";
// A header that pins one request to one app instance ("started through A, cancelled through B").
export const INSTANCE_HEADER = "x-mergeline-test-instance";

const hopByHop = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection"]);

function pinnedIndex(req: IncomingMessage, upstreams: Upstream[]): number | null {
  const header = req.headers[INSTANCE_HEADER];
  if (typeof header === "string") {
    const index = upstreams.findIndex((upstream) => upstream.name === header);
    if (index >= 0) return index;
  }
  const cookie = req.headers.cookie?.match(new RegExp(`${SIDECAR_COOKIE}=(\\d+)`));
  return cookie ? Number(cookie[1]) % upstreams.length : null;
}

/**
 * The reverse proxy in front of several app instances and realtime sidecars, as an ingress
 * or load balancer is in a deployment: `/socket.io/` (websockets) goes to the sidecars,
 * everything else to the apps, round robin, with the Host header kept. Only on loopback.
 */
export async function startBalancingProxy({
  apps,
  sidecars,
}: {
  apps: Upstream[];
  sidecars: Upstream[];
}): Promise<BalancingProxy> {
  const served = new Map<string, number>();
  const inngestCalls = new Map<string, number>();
  const next = { apps: 0, sidecars: 0 };
  let pinnedApp: number | null = null;
  const pick = (req: IncomingMessage): Upstream => {
    const realtime = req.url?.startsWith("/socket.io/") ?? false;
    const group = realtime ? sidecars : apps;
    const pinned = pinnedIndex(req, group) ?? (realtime ? null : pinnedApp);
    const index = pinned ?? next[realtime ? "sidecars" : "apps"]++ % group.length;
    const upstream = group[index]!;
    served.set(upstream.name, (served.get(upstream.name) ?? 0) + 1);
    if (!realtime && req.url?.startsWith("/api/inngest"))
      inngestCalls.set(upstream.name, (inngestCalls.get(upstream.name) ?? 0) + 1);
    return upstream;
  };

  const server: Server = createServer((req, res) => {
    const upstream = pick(req);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !hopByHop.has(name)));
    const forwarded = request(
      {
        host: "127.0.0.1",
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...headers, "x-forwarded-for": req.socket.remoteAddress ?? "127.0.0.1" },
      },
      (answer) => {
        res.writeHead(
          answer.statusCode ?? 502,
          Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !hopByHop.has(name))),
        );
        answer.pipe(res);
      },
    );
    forwarded.on("error", () => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end("bad gateway");
    });
    req.pipe(forwarded);
  });
  // Websockets: the upgrade request is written to the upstream as it came, then bytes flow.
  const tunnels = new Set<net.Socket>();
  server.on("upgrade", (req, socket, head) => {
    const upstream = pick(req);
    const target = net.connect(upstream.port, "127.0.0.1", () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let index = 0; index < req.rawHeaders.length; index += 2)
        lines.push(`${req.rawHeaders[index]}: ${req.rawHeaders[index + 1]}`);
      target.write(`${lines.join("\r\n")}\r\n\r\n`);
      if (head.length > 0) target.write(head);
      target.pipe(socket).pipe(target);
    });
    const end = () => {
      target.destroy();
      socket.destroy();
    };
    target.on("error", end);
    socket.on("error", end);
    target.on("close", end);
    socket.on("close", end);
    tunnels.add(target);
    target.on("close", () => tunnels.delete(target));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    served,
    inngestCalls,
    pinApps: (index) => {
      pinnedApp = index;
    },
    close: async () => {
      for (const tunnel of tunnels) tunnel.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
