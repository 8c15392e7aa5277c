// POST /signin/one-time/confirm: the one-time link's page, confirmed by the person. Makes a
// session waiting for its first use (confirmOneTimeLogin), sets its cookie and goes to the
// dashboard, whose request spends the link and starts the session in one transaction
// (activatePendingSession). A link that no longer works goes back to its page, which says
// why. A confirmation whose answer never reaches the browser spends nothing.
import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { isCrossSitePost } from "@/lib/auth/is-cross-site-post";
import { confirmOneTimeLogin } from "@/lib/auth/confirm-one-time-login";
import { sessionCookie } from "@/lib/auth/session-cookie";
import { logger } from "@/lib/platform/logger";

const seeOther = (location: string) => new NextResponse(null, { status: 303, headers: { location } });

/** HTTPS as Auth.js decides it (the action URL's protocol, X-Forwarded-Proto behind a proxy). */
function isHttps(request: Request): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return (forwarded ?? new URL(request.url).protocol.replace(/:$/, "")) === "https";
}

export async function POST(request: Request): Promise<Response> {
  if (isCrossSitePost(request)) {
    return Response.json(
      { error: { code: "forbidden:origin", message: "A sign-in link can only be confirmed on its own page" } },
      { status: 403 },
    );
  }
  const form = await request.formData().catch(() => null);
  const token = form?.get("token");
  if (typeof token !== "string" || token.length === 0 || token.length > 200) return seeOther("/signin/one-time");
  const session = await confirmOneTimeLogin({ db: getDb(), token });
  if (!session) return seeOther(`/signin/one-time?${new URLSearchParams({ token })}`);
  logger.info({ userId: session.userId, provider: "one-time" }, "one-time link confirmed");
  const response = seeOther("/");
  const cookie = sessionCookie({ secure: isHttps(request), expires: session.expires });
  response.cookies.set(cookie.name, session.sessionToken, cookie.options);
  return response;
}
