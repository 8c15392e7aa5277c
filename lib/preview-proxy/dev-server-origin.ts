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
 * The Origin a dev server behind the proxy is shown. Dev servers refuse their HMR websocket
 * and dev resources to origins they do not know (Next 16 knows only localhost, `*.localhost`
 * and its `allowedDevOrigins`), which a preview domain such as `preview.example.com` is not.
 * The proxy checks the origin itself instead: a websocket from another site is refused
 * ("cross-origin": cookies alone would not stop a hijack, they are SameSite=None for the
 * frame), and one from the app's own address, like a same-origin request for a dev resource,
 * reaches the dev server as from `localhost:<port>`, its own address. Other requests keep
 * their Origin, so the app's own checks (a Server Action's Origin against Host) still hold.
 */
export function devServerOrigin(
  req: IncomingMessage,
  { host, port, upgrade }: { host: string; port: number; upgrade: boolean },
): "kept" | "rewritten" | "cross-origin" {
  const origin = req.headers.origin;
  if (!origin || origin === "null") return upgrade && origin === "null" ? "cross-origin" : "kept";
  const own = isOwnOrigin(origin, host);
  if (upgrade && !own) return "cross-origin";
  if (!own || (!upgrade && !DEV_RESOURCE.test(req.url ?? ""))) return "kept";
  req.headers.origin = `http://localhost:${port}`;
  return "rewritten";
}
