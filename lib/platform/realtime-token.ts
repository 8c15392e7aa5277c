import { SignJWT } from "jose";
import { AppError } from "@/lib/platform/errors";
import { env } from "@/lib/platform/env";
import { REALTIME_TOKEN_AUDIENCE } from "@/realtime/contract";

export const REALTIME_TOKEN_TTL_SECONDS = 300;

/** A short-lived token admitting a browser to the rooms of the projects it names. */
export async function createRealtimeToken({
  userId,
  projectIds,
}: {
  userId: string;
  projectIds: string[];
}): Promise<string> {
  if (!env.REALTIME_SECRET) throw new AppError("unavailable:realtime", "REALTIME_SECRET is not set");
  return new SignJWT({ projects: projectIds })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(userId)
    .setAudience(REALTIME_TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${REALTIME_TOKEN_TTL_SECONDS}s`)
    .sign(new TextEncoder().encode(env.REALTIME_SECRET));
}
