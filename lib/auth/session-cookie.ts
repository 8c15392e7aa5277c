/**
 * The session cookie as Auth.js names and sets it (@auth/core's defaultCookies): its value
 * is the opaque session token (database-session-jwt.ts), so a session made outside Auth.js,
 * by a one-time link, is read back by auth() like any other. `__Secure-` over HTTPS only.
 */
export function sessionCookie({ secure, expires }: { secure: boolean; expires: Date }): {
  name: string;
  options: { httpOnly: true; sameSite: "lax"; path: "/"; secure: boolean; expires: Date };
} {
  return {
    name: `${secure ? "__Secure-" : ""}authjs.session-token`,
    options: { httpOnly: true, sameSite: "lax", path: "/", secure, expires },
  };
}
