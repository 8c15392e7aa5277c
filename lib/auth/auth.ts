import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth from "next-auth";
import type { Adapter } from "next-auth/adapters";
import type { Provider } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { z } from "zod";
import { getDb } from "@/db";
import { updateAccountAccessToken } from "@/db/queries/accounts";
import { getUserByEmail } from "@/db/queries/users";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { clientIp } from "@/lib/platform/http/client-ip";
import { authConfig } from "@/lib/auth/auth-config";
import { databaseSessionJwt, endDatabaseSession } from "@/lib/auth/database-session-jwt";
import { limitSignInAttempts } from "@/lib/auth/limit-sign-in-attempts";
import { verifyDecoyPassword, verifyPassword } from "@/lib/auth/password";
import { signInMethods } from "@/lib/auth/sign-in-methods";
import { env } from "@/lib/platform/env";
import { sealOAuthToken } from "@/lib/secrets/oauth-token-cipher";
import { logger } from "@/lib/platform/logger";

const passwordInput = z.object({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(1024) });

type SignedInUser = { id: string; email: string | null; name: string | null };
const signedIn = (user: SignedInUser) => ({ id: user.id, email: user.email, name: user.name });

// The adapter is created per call because getDb() opens the database lazily: importing
// this module (e.g. during `next build`) must not open it.
function adapter(): Adapter {
  const base = DrizzleAdapter(getDb(), {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  });
  return {
    ...base,
    // Only GitHub's access token is kept, sealed (lib/secrets/oauth-token-cipher.ts): the
    // App setup page and repository access checks ask GitHub as the person. Refresh and ID
    // tokens are never used, so never stored.
    linkAccount: (account) =>
      base.linkAccount!({
        ...account,
        access_token: sealedAccessToken(account),
        refresh_token: undefined,
        id_token: undefined,
      }),
  };
}

function sealedAccessToken(account: {
  provider: string;
  providerAccountId: string;
  access_token?: string;
}): string | undefined {
  if (account.provider !== "github" || !account.access_token) return undefined;
  return sealOAuthToken({
    token: account.access_token,
    provider: account.provider,
    providerAccountId: account.providerAccountId,
  });
}

function providers(): Provider[] {
  const methods = signInMethods();
  // One-time links are not a provider: confirming one on its page makes a session, whose
  // first use spends the link (app/signin/one-time/confirm/route.ts, activate-pending-session.ts).
  const list: Provider[] = [];
  if (methods.password) {
    list.push(
      Credentials({
        id: "password",
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, request) {
          const input = passwordInput.safeParse(credentials);
          if (!input.success) return null;
          const db = getDb();
          await limitSignInAttempts({ db, email: input.data.email, ip: clientIp(request) });
          const user = await getUserByEmail({ db, email: input.data.email });
          // Unknown email, no password set (a GitHub account) and a wrong password take the
          // same time and give the same answer: no account enumeration.
          const ok = user?.passwordHash
            ? await verifyPassword(input.data.password, user.passwordHash)
            : await verifyDecoyPassword(input.data.password);
          return ok && user ? signedIn(user) : null;
        },
      }),
    );
  }
  if (methods.github) {
    const apiUrl = new URL(env.GITHUB_API_URL);
    list.push(
      GitHub({
        clientId: env.AUTH_GITHUB_ID,
        clientSecret: env.AUTH_GITHUB_SECRET,
        // GitHub Enterprise Server: the same host as GITHUB_API_URL.
        ...(apiUrl.hostname === "api.github.com" ? {} : { enterprise: { baseUrl: apiUrl.origin } }),
      }),
    );
  }
  return list;
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...authConfig,
  adapter: adapter(),
  providers: providers(),
  jwt: databaseSessionJwt(getDb),
  events: {
    async signIn({ user, account }) {
      logger.info({ userId: user.id, provider: account?.provider }, "signed in");
      // Auth.js links an account once; a later GitHub sign-in brings a fresh token to keep.
      const sealed = account ? sealedAccessToken(account) : undefined;
      if (account && sealed)
        await updateAccountAccessToken({
          db: getDb(),
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          accessToken: sealed,
        });
    },
    async signOut(message) {
      if ("token" in message) await endDatabaseSession(getDb(), message.token);
    },
  },
}));
