import { type NextRequest, NextResponse } from "next/server";

// Pages need a session: without a session cookie, the proxy redirects to /signin and
// brings the person back afterwards. It only looks for the cookie: sessions are database
// rows (lib/auth/database-session-jwt.ts), checked by every page (requireSessionActor),
// API route, server action and the realtime token, which send an ended session to sign in.
const sessionCookies = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(request: NextRequest) {
  if (sessionCookies.some((name) => request.cookies.has(name) || request.cookies.has(`${name}.0`)))
    return NextResponse.next();
  const signIn = new URL("/signin", request.nextUrl.origin);
  signIn.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Everything but API routes (they answer 401 themselves), Next.js assets, the sign-in
  // and invitation pages (which work signed out) and files with an extension (public/).
  matcher: ["/((?!api/|_next/|signin(?:/|$)|invite/|[^/]*\\.[^/]+$).*)"],
};
