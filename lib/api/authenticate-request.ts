import type { Database } from "@/db/client";
import { dispatchedActors } from "@/lib/api/dispatched-actors";
import { authenticateApiKey } from "@/lib/api-keys";
import type { Actor } from "@/lib/auth/actor";
import { getSessionActor } from "@/lib/auth/get-session-actor";
import { AppError } from "@/lib/platform/errors";

/**
 * Who is calling: the API key of `Authorization: Bearer <key>`, else the signed-in
 * session. A request that sends an Authorization header is judged by it alone: a wrong
 * key is a 401 even with a session cookie, so a script never acts as a person by accident.
 * An in-process call (MCP tools) carries the actor its caller authenticated (dispatchedActors).
 */
export async function authenticateRequest({
  request,
  db,
  ip,
}: {
  request: Request;
  db: Database;
  ip: string | null;
}): Promise<Actor> {
  const dispatched = dispatchedActors.get(request);
  if (dispatched) return dispatched;
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const token = /^Bearer +(\S+) *$/i.exec(authorization)?.[1];
    if (!token) throw new AppError("unauthorized:api_key", "The Authorization header must be `Bearer <API key>`");
    const actor = await authenticateApiKey({ db, token, ip });
    if (!actor) throw new AppError("unauthorized:api_key", "The API key is unknown, expired or revoked");
    return actor;
  }
  // Sessions live in cookies; without any there is nothing for next-auth to read.
  const actor = request.headers.has("cookie") ? await getSessionActor(ip) : null;
  if (!actor)
    throw new AppError("unauthorized:credentials", "Sign in, or send an API key as `Authorization: Bearer <key>`");
  return actor;
}
