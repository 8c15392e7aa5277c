import { env } from "@/lib/platform/env";

/**
 * Whether a browser sent this form POST from another site: its Origin names a host that is
 * neither the one it was sent to (Host, or X-Forwarded-Host behind a proxy) nor
 * MERGELINE_PUBLIC_URL's. A sign-in form another site could post would sign a visitor in
 * to an account of that site's choosing. Without an Origin (no browser sent it) it is not.
 */
export function isCrossSitePost(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return true;
  }
  const allowed = [
    request.headers.get("host"),
    request.headers.get("x-forwarded-host")?.split(",")[0]?.trim(),
    env.MERGELINE_PUBLIC_URL ? new URL(env.MERGELINE_PUBLIC_URL).host : undefined,
  ];
  return !allowed.includes(host);
}
