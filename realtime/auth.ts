import { timingSafeEqual } from "node:crypto";
import { jwtVerify } from "jose";
import { REALTIME_TOKEN_AUDIENCE, type RealtimeTokenClaims, realtimeTokenClaimsSchema } from "./contract";

/** Verifies a browser's short-lived token (HS256, signed by the app) and returns its claims. */
export async function verifyRealtimeToken(token: unknown, secret: string): Promise<RealtimeTokenClaims> {
  if (typeof token !== "string" || token.length === 0) throw new Error("missing token");
  const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
    audience: REALTIME_TOKEN_AUDIENCE,
    algorithms: ["HS256"],
    requiredClaims: ["exp", "sub"],
  });
  return realtimeTokenClaimsSchema.parse(payload);
}

/** Constant-time comparison of the app's publish secret. */
export function isPublisher(header: string | undefined, secret: string): boolean {
  const expected = Buffer.from(`Bearer ${secret}`);
  const given = Buffer.from(header ?? "");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
