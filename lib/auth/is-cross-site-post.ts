import { env } from "@/lib/platform/env";

/**
 * Whether a browser sent this form POST from another site. A sign-in form another site
 * could post would sign a visitor in to an account of that site's choosing (or a preview,
 * which runs a repository's code, could). Browsers say where a request comes from in
 * Sec-Fetch-Site: only "same-origin" and "none" (typed or bookmarked) pass. Without it,
 * the Origin must name the host the request was sent to (Host, or X-Forwarded-Host behind
 * a proxy) or MERGELINE_PUBLIC_URL's; no Origin at all is no browser's form.
 */
export function isCrossSitePost(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null) return site !== "same-origin" && site !== "none";
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    // "null": a page whose referrer policy hides its origin (the link's page does) in a
    // browser that sends no Sec-Fetch-Site; where it comes from cannot be told.
    return true;
  }
  const allowed = [
    request.headers.get("host"),
    request.headers.get("x-forwarded-host")?.split(",")[0]?.trim(),
    env.MERGELINE_PUBLIC_URL ? new URL(env.MERGELINE_PUBLIC_URL).host : undefined,
  ];
  return !allowed.includes(host);
}
