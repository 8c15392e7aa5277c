import { Agent, type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { createProxyServer } from "httpxy";
import type { Database } from "@/db/client";
import { getPreviewShareLinkByHash } from "@/db/queries/preview-targets";
import { touchStudioSession } from "@/db/queries/studio";
import { hashToken, isSecretTokenShape } from "@/lib/auth/hash-token";
import { env } from "@/lib/platform/env";
import type { Logger } from "pino";
import { checkPreviewAccess } from "@/lib/preview-proxy/check-preview-access";
import { devServerOrigin } from "@/lib/preview-proxy/dev-server-origin";
import { parsePreviewHost, previewProtocol } from "@/lib/preview-proxy/preview-address";
import { signPreviewClaims, verifyPreviewClaims } from "@/lib/preview-proxy/preview-tokens";
import { type ResolvedTarget, resolvePreviewTarget } from "@/lib/preview-proxy/resolve-preview-target";

export const PREVIEW_COOKIE = "mergeline_preview";
export const PREVIEW_AUTH_PATH = "/__mergeline/auth";
export const PREVIEW_SHARE_PATH = "/__mergeline/share";
const ACCESS_MS = 12 * 60 * 60_000;
const ACTIVITY_EVERY_MS = 60_000;

export type PreviewProxy = {
  /** Whether a request is for a preview host (and so for this proxy, not the app). */
  handles: (req: IncomingMessage) => boolean;
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>;
  close: () => void;
};

/** The app's own origin, where a person signs in and the access handoff starts. */
export function appOrigin(): string {
  if (env.MERGELINE_PUBLIC_URL) return env.MERGELINE_PUBLIC_URL.replace(/\/+$/, "");
  const host = env.HOST === "0.0.0.0" || env.HOST === "::" ? "127.0.0.1" : env.HOST;
  return `http://${host.includes(":") ? `[${host}]` : host}:${env.PORT}`;
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}

/** Drops the proxy's own cookie from a request: the app behind it never sees that cookie. */
function dropPreviewCookie(req: IncomingMessage): void {
  const kept = (req.headers.cookie ?? "")
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part && !part.startsWith(`${PREVIEW_COOKIE}=`));
  if (kept.length > 0) req.headers.cookie = kept.join("; ");
  else delete req.headers.cookie;
}

function page(res: ServerResponse, status: number, title: string, text: string): void {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem"><h1>${title}</h1><p>${text}</p></body></html>`;
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(body);
}

const safeNext = (value: string | null) =>
  value?.startsWith("/") && !value.startsWith("//") && !value.includes("\\") ? value : "/";

// The studio page shows the app in a frame, where the preview host may be a third party
// (always with the default *.localhost domain): its cookie must be SameSite=None, which
// browsers take only with Secure (allowed over https and on *.localhost), and Partitioned
// (CHIPS), which browsers keep even where they block third-party cookies. Elsewhere (plain
// http) the app opens in its own tab.
function accessCookie(label: string, subject: string, expiresAt: number, host: string): string {
  const token = signPreviewClaims({ label, subject, expiresAt, use: "access" });
  const framable = previewProtocol() === "https" || /\.localhost(:\d+)?$/i.test(host);
  const sameSite = framable ? "SameSite=None; Secure; Partitioned" : "SameSite=Lax";
  const maxAge = Math.max(0, Math.floor((expiresAt - Date.now()) / 1000));
  return `${PREVIEW_COOKIE}=${token}; Path=/; HttpOnly; ${sameSite}; Max-Age=${maxAge}`;
}

/**
 * The one authenticated proxy in front of every preview and studio app, by host name
 * (preview-address.ts). A request without a valid cookie for its host goes to the app's
 * /api/preview-access (sign-in, team check), which hands back a 60-second token that sets
 * the cookie here (`/__mergeline/auth`), as protected previews do elsewhere; a share link
 * (`/__mergeline/share?token=`) sets one for its lifetime. HTTP and websockets (HMR) then
 * go to the app on 127.0.0.1 with their Host header kept, so absolute URLs work; a websocket
 * must come from the app's own address (dev-server-origin.ts).
 */
export function createPreviewProxy({ db, logger }: { db: () => Database; logger: Logger }): PreviewProxy {
  const proxy = createProxyServer({ xfwd: true, ws: true });
  // Connections to the apps are kept open between requests: a page's many requests reuse them.
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  proxy.on("error", (error, _req, res) => {
    logger.debug({ err: error }, "preview proxy: the app did not answer");
    if (res && "writeHead" in res && !res.headersSent)
      page(res, 502, "The app is not answering", "It may be starting or restarting; reload in a moment.");
    else if (res && "destroy" in res) res.destroy();
  });
  const lastTouch = new Map<string, number>();

  const noteActivity = (target: ResolvedTarget) => {
    if (!target.sessionId) return;
    const now = Date.now();
    if (now - (lastTouch.get(target.sessionId) ?? 0) < ACTIVITY_EVERY_MS) return;
    lastTouch.set(target.sessionId, now);
    void touchStudioSession({ db: db(), id: target.sessionId }).catch(() => undefined);
  };

  /** The target a request may reach, or why not (already answered on `res` when given). */
  const admit = async (req: IncomingMessage) => {
    const parsed = parsePreviewHost(req.headers.host);
    if (!parsed?.target) return { kind: "unknown" as const };
    const target = await resolvePreviewTarget({ db: db(), label: parsed.label, target: parsed.target });
    if (!target) return { kind: "missing" as const, label: parsed.label };
    const claims = verifyPreviewClaims(readCookie(req.headers.cookie, PREVIEW_COOKIE), "access");
    const allowed =
      claims?.label === parsed.label &&
      (await checkPreviewAccess({ db: db(), subject: claims.subject, label: parsed.label, teamId: target.teamId }));
    return allowed ? { kind: "ok" as const, target } : { kind: "denied" as const, label: parsed.label };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const host = req.headers.host ?? "";
    const url = new URL(req.url ?? "/", `${previewProtocol()}://${host}`);
    const parsed = parsePreviewHost(host);
    if (url.pathname === PREVIEW_AUTH_PATH && parsed) {
      const claims = verifyPreviewClaims(url.searchParams.get("token") ?? undefined, "handoff");
      if (!claims || claims.label !== parsed.label) {
        // An old handoff (a reloaded frame) is fine while the cookie it set still holds.
        const held = verifyPreviewClaims(readCookie(req.headers.cookie, PREVIEW_COOKIE), "access");
        if (held?.label !== parsed.label)
          return page(res, 403, "This link has expired", "Open the preview again from Mergeline.");
        res.writeHead(302, { location: safeNext(url.searchParams.get("next")), "cache-control": "no-store" }).end();
        return;
      }
      res
        .writeHead(302, {
          location: safeNext(url.searchParams.get("next")),
          "set-cookie": accessCookie(parsed.label, claims.subject, Date.now() + ACCESS_MS, host),
          "cache-control": "no-store",
        })
        .end();
      return;
    }
    if (url.pathname === PREVIEW_SHARE_PATH && parsed) {
      const token = url.searchParams.get("token") ?? "";
      const link = isSecretTokenShape(token)
        ? await getPreviewShareLinkByHash({ db: db(), tokenHash: hashToken(token) })
        : undefined;
      if (!link || link.hostLabel !== parsed.label || link.revokedAt || link.expiresAt.getTime() <= Date.now())
        return page(res, 403, "This share link does not work", "It has expired, was revoked, or is for another app.");
      const expiresAt = Math.min(link.expiresAt.getTime(), Date.now() + ACCESS_MS);
      res
        .writeHead(302, {
          location: "/",
          "set-cookie": accessCookie(parsed.label, `share:${link.id}`, expiresAt, host),
          "cache-control": "no-store",
        })
        .end();
      return;
    }
    const admitted = await admit(req);
    if (admitted.kind === "unknown")
      return page(res, 404, "No preview here", "This address does not name a preview or a studio session.");
    if (admitted.kind === "missing")
      return page(
        res,
        404,
        "No preview here",
        "Nothing is running at this address now: the preview or session has ended.",
      );
    if (admitted.kind === "denied") {
      if (req.method !== "GET" && req.method !== "HEAD")
        return page(res, 401, "Sign in first", "Open this address in a browser to sign in.");
      const access = new URL("/api/preview-access", appOrigin());
      access.searchParams.set("host", host);
      access.searchParams.set("next", `${url.pathname}${url.search}`);
      res.writeHead(302, { location: access.toString(), "cache-control": "no-store" }).end();
      return;
    }
    noteActivity(admitted.target);
    dropPreviewCookie(req);
    devServerOrigin(req, { host, port: admitted.target.port, upgrade: false });
    await proxy.web(req, res, { target: `http://127.0.0.1:${admitted.target.port}`, agent }).catch(() => undefined);
  };

  const upgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const admitted = await admit(req).catch(() => ({ kind: "unknown" as const }));
    if (admitted.kind !== "ok") {
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    if (
      devServerOrigin(req, { host: req.headers.host ?? "", port: admitted.target.port, upgrade: true }) ===
      "cross-origin"
    ) {
      socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    noteActivity(admitted.target);
    dropPreviewCookie(req);
    await proxy
      .ws(req, socket as never, { target: `http://127.0.0.1:${admitted.target.port}` }, head)
      .catch(() => socket.destroy());
  };

  return {
    handles: (req) => parsePreviewHost(req.headers.host) !== null,
    handle: (req, res) =>
      handle(req, res).catch((error: unknown) => {
        logger.error({ err: error }, "preview proxy failed");
        if (!res.headersSent) page(res, 500, "Something went wrong", "The preview proxy failed; see the server log.");
      }),
    upgrade,
    close: () => {
      proxy.close();
      agent.destroy();
    },
  };
}
