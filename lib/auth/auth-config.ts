import { CredentialsSignin, type NextAuthConfig } from "next-auth";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";

/**
 * The part of the Auth.js configuration that needs no database: enough to read and renew
 * a session cookie, so proxy.ts can use it without loading the database driver. lib/auth/
 * auth.ts adds the adapter and the providers.
 */
export const authConfig = {
  secret: env.AUTH_SECRET,
  // The app runs behind our own node:http server (and maybe a reverse proxy); the host
  // header decides the callback URLs, as MERGELINE_PUBLIC_URL does elsewhere.
  trustHost: true,
  // Credentials sign-in needs JWT sessions; the token carries only the user id (sub),
  // and every request reads the user's teams from the database.
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
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
