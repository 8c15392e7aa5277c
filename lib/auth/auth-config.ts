import { CredentialsSignin, type NextAuthConfig } from "next-auth";
import { SESSION_MAX_AGE_SECONDS, SESSION_UPDATE_AGE_SECONDS } from "@/lib/auth/session-age";
import { env } from "@/lib/platform/env";
import { logger } from "@/lib/platform/logger";

/**
 * The part of the Auth.js configuration that needs no database. lib/auth/auth.ts adds the
 * adapter, the providers and the database-backed session token.
 */
export const authConfig = {
  secret: env.AUTH_SECRET,
  // The app runs behind our own node:http server (and maybe a reverse proxy); the host
  // header decides the callback URLs, as MERGELINE_PUBLIC_URL does elsewhere.
  trustHost: true,
  // Credentials sign-in needs the "jwt" strategy; lib/auth/auth.ts makes that token an
  // opaque name of a `sessions` row (database-session-jwt.ts), and every request reads the
  // user's teams from the database.
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: SESSION_UPDATE_AGE_SECONDS },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [],
  callbacks: {
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
  logger: {
    error(error) {
      // A wrong password is an everyday event, not a server error.
      if (error instanceof CredentialsSignin) logger.info({ authError: error.type }, "sign-in refused");
      // A cookie whose session ended (signed out elsewhere, expired, member removed).
      else if (error.name === "JWTSessionError")
        logger.info({ authError: error.name }, "session cookie no longer valid");
      else logger.error({ err: error }, "Auth.js error");
    },
    warn(code) {
      logger.warn({ authWarning: code }, "Auth.js warning");
    },
    debug(message, metadata) {
      logger.debug({ metadata }, message);
    },
  },
} satisfies NextAuthConfig;
