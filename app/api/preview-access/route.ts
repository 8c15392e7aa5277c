import { getDb } from "@/db";
import { getSessionActor } from "@/lib/auth/get-session-actor";
import { clientIp } from "@/lib/platform/http/client-ip";
import { grantPreviewAccess } from "@/lib/preview-proxy/grant-preview-access";

export const dynamic = "force-dynamic";

// GET /api/preview-access?host=<preview host>&next=<path>: where a preview host sends a
// visitor without its cookie. Signed in and in the project's team: back to the host with a
// 60-second token; signed out: to the sign-in page first; anyone else: 404.
export async function GET(request: Request) {
  const url = new URL(request.url);
  const actor = await getSessionActor(clientIp(request));
  if (!actor) {
    const signIn = new URL("/signin", url.origin);
    signIn.searchParams.set("callbackUrl", `${url.pathname}${url.search}`);
    return Response.redirect(signIn, 302);
  }
  const grant = await grantPreviewAccess({
    db: getDb(),
    actor,
    host: url.searchParams.get("host"),
    next: url.searchParams.get("next"),
  });
  if (grant.kind === "redirect")
    return new Response(null, { status: 302, headers: { location: grant.location, "cache-control": "no-store" } });
  return Response.json(
    { error: { code: grant.status === 400 ? "bad_request:host" : "not_found:preview", message: grant.message } },
    { status: grant.status, headers: { "cache-control": "no-store" } },
  );
}
