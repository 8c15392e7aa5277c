import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "@/lib/auth/auth-config";

// Pages need a session: without one, the proxy redirects to /signin and brings the person
// back afterwards. It only reads the session cookie (no database); pages check again with
// requireSessionActor, and API routes, server actions and the realtime token authorize
// each request themselves.
const { auth } = NextAuth(authConfig);

export const proxy = auth((request) => {
  if (request.auth?.user) return NextResponse.next();
  const signIn = new URL("/signin", request.nextUrl.origin);
  signIn.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(signIn);
});

export const config = {
  // Everything but API routes (they answer 401 themselves), Next.js assets, the sign-in
  // pages and files with an extension (public/).
  matcher: ["/((?!api/|_next/|signin(?:/|$)|[^/]*\\.[^/]+$).*)"],
};
