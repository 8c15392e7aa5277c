import type { IncomingMessage } from "node:http";

/** Paths of `next dev`'s own resources, which it serves only to origins it knows. */
const DEV_RESOURCE = /^\/(_next\/|__nextjs)/;

function isOwnOrigin(origin: string, host: string): boolean {
  try {
    return new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}

/**
 * The Origin the app behind the proxy is shown. A websocket from another site's page is
 * refused ("cross-origin": the cookie alone would not stop a hijack, it is SameSite=None for
 * the studio's frame). `next dev` refuses its HMR websocket and dev resources to origins it
 * does not know (localhost, `*.localhost` and `allowedDevOrigins` from next.config, nothing
 * from the environment), which a preview domain such as `preview.example.com` is not: those
 * paths, from the app's own address, reach it as from `localhost:<port>`, its own address.
 * Every other request and websocket keeps its Origin, so the app's own checks (a Server
 * Action's Origin against Host, a socket server's allowed origins) see the real one.
 */
export function devServerOrigin(
  req: IncomingMessage,
  { host, port, upgrade }: { host: string; port: number; upgrade: boolean },
): "kept" | "rewritten" | "cross-origin" {
  const origin = req.headers.origin;
  if (!origin || origin === "null") return upgrade && origin === "null" ? "cross-origin" : "kept";
  const own = isOwnOrigin(origin, host);
  if (upgrade && !own) return "cross-origin";
  if (!own || !DEV_RESOURCE.test(req.url ?? "")) return "kept";
  req.headers.origin = `http://localhost:${port}`;
  return "rewritten";
}
