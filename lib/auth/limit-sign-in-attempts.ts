import { CredentialsSignin } from "next-auth";
import type { Database } from "@/db/client";
import { normalizeEmail } from "@/db/queries/users";
import { consumeRateLimit } from "@/lib/rate-limit";

export const SIGN_IN_WINDOW_SECONDS = 15 * 60;
export const SIGN_IN_ATTEMPTS_PER_ADDRESS = 30;
export const SIGN_IN_ATTEMPTS_PER_ADDRESS_AND_ACCOUNT = 10;

/** Refused before the password was even checked; the form says to wait. */
export class TooManySignInAttempts extends CredentialsSignin {
  code = "too_many_attempts";
}

/**
 * Counts a password attempt and throws TooManySignInAttempts past the limits: per client
 * address, and per address and account together. Not per account alone: anyone could then
 * lock a person (the admin) out by failing on purpose.
 */
export async function limitSignInAttempts({
  db,
  email,
  ip,
}: {
  db: Database;
  email: string;
  ip: string | null;
}): Promise<void> {
  const address = ip ?? "unknown";
  const [perAddress, perAccount] = await Promise.all([
    consumeRateLimit({
      db,
      key: `signin:ip:${address}`,
      limit: SIGN_IN_ATTEMPTS_PER_ADDRESS,
      windowSeconds: SIGN_IN_WINDOW_SECONDS,
    }),
    consumeRateLimit({
      db,
      key: `signin:ip-email:${address}:${normalizeEmail(email)}`.slice(0, 512),
      limit: SIGN_IN_ATTEMPTS_PER_ADDRESS_AND_ACCOUNT,
      windowSeconds: SIGN_IN_WINDOW_SECONDS,
    }),
  ]);
  if (!perAddress.allowed || !perAccount.allowed) throw new TooManySignInAttempts();
}
