import { type NextRequest, NextResponse } from "next/server";
import { undecodablePathResponse } from "@/lib/api/undecodable-path-response";

// Pages need a session: without a session cookie, the proxy redirects to /signin and
// brings the person back afterwards. It only looks for the cookie: sessions are database
// rows (lib/auth/database-session-jwt.ts), checked by every page (requireSessionActor),
// API route, server action and the realtime token, which send an ended session to sign in.
const sessionCookies = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(request: NextRequest) {
  // API routes answer for themselves (401 and all); the proxy sees only their paths with a
  // "%" (see config), to answer one Next.js's router cannot decode before it 500s on it.
  if (request.nextUrl.pathname.startsWith("/api/"))
    return undecodablePathResponse(request.nextUrl.pathname) ?? NextResponse.next();
  if (sessionCookies.some((name) => request.cookies.has(name) || request.cookies.has(`${name}.0`)))
    return NextResponse.next();
  const signIn = new URL("/signin", request.nextUrl.origin);
  signIn.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: [
    // Everything but API routes (they answer 401 themselves), Next.js assets, the sign-in
    // and invitation pages (which work signed out) and files with an extension (public/).
    "/((?!api/|_next/|signin(?:/|$)|invite/|[^/]*\\.[^/]+$).*)",
    // API paths with a percent-encoding, and only those: a proxied request's body is
    // buffered for the proxy (up to 10 MB), which webhook and Inngest calls must not pay.
    "/api/(.*%.*)",
  ],
};
