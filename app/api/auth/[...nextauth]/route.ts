import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { env } from "@/lib/platform/env";

// /api/auth/*: Auth.js (OAuth callbacks, session, CSRF token, sign-out).
//
// Auth.js builds its redirect and callback URLs from the request's URL, in which Next.js
// turns a 127.0.0.1 host into "localhost": browsers would be sent to another origin (one
// without their cookies) and GitHub would refuse the changed redirect_uri. So the URL is
// rebuilt from MERGELINE_PUBLIC_URL, or else the Host header the browser sent.
async function atBrowserOrigin(request: NextRequest): Promise<NextRequest> {
  const url = new URL(request.url);
  const host = request.headers.get("host");
  if (env.MERGELINE_PUBLIC_URL) {
    const publicUrl = new URL(env.MERGELINE_PUBLIC_URL);
    url.protocol = publicUrl.protocol;
    url.host = publicUrl.host;
  } else if (host) {
    url.host = host;
  }
  const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
  // A plain Request, since a NextRequest would normalize the host again; Auth.js reads
  // only the standard Request fields (nextUrl only when AUTH_URL is set, which we do not use).
  return new Request(url, { method: request.method, headers: request.headers, body }) as NextRequest;
}

export async function GET(request: NextRequest): Promise<Response> {
  return handlers.GET(await atBrowserOrigin(request));
}

export async function POST(request: NextRequest): Promise<Response> {
  return handlers.POST(await atBrowserOrigin(request));
}
