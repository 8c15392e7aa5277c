"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { getDb } from "@/db";
import { findUnsafeInput } from "@/lib/api/find-unsafe-input";
import { deleteSessionsOfUser } from "@/db/queries/sessions";
import { signIn, signOut } from "@/lib/auth/auth";
import { getSessionActor } from "@/lib/auth/get-session-actor";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";
import { signInMethods } from "@/lib/auth/sign-in-methods";
import { logger } from "@/lib/platform/logger";

// Sign-in and sign-out as server actions. On success Auth.js sets the session cookie and
// redirects (by throwing Next's redirect, which must not be caught here); on failure the
// form gets a message to show.

export type SignInState = { error: string | null };

const passwordForm = z.object({
  email: z.string().trim().min(1, "Enter your email address."),
  password: z.string().min(1, "Enter your password."),
  callbackUrl: z.string().optional(),
});

function failure(error: unknown, refused: string): SignInState {
  if (error instanceof CredentialsSignin && error.code === "too_many_attempts") {
    return { error: "Too many sign-in attempts. Wait a quarter of an hour, then try again." };
  }
  if (error instanceof CredentialsSignin) return { error: refused };
  if (error instanceof AuthError) {
    logger.warn({ authError: error.type }, "sign-in failed");
    return { error: "Signing in did not work. Try again in a moment." };
  }
  throw error;
}

export async function signInWithPassword(_previous: SignInState, form: FormData): Promise<SignInState> {
  if (!signInMethods().password) return { error: "Email and password sign-in is turned off on this server." };
  const fields = Object.fromEntries(form);
  // A NUL would reach the account lookup, which Postgres refuses with an error.
  if (findUnsafeInput(fields)) return { error: "The form contains a character that is not allowed (NUL)." };
  const input = passwordForm.safeParse(fields);
  if (!input.success) return { error: input.error.issues[0]!.message };
  try {
    await signIn("password", {
      email: input.data.email,
      password: input.data.password,
      redirectTo: safeCallbackUrl(input.data.callbackUrl),
    });
  } catch (error) {
    // One message for an unknown email and a wrong password: no account enumeration.
    return failure(error, "Wrong email or password.");
  }
  return { error: null };
}

export async function signInWithGitHub(form: FormData): Promise<void> {
  if (!signInMethods().github) return;
  await signIn("github", { redirectTo: safeCallbackUrl(form.get("callbackUrl")) });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/signin" });
}

/** Ends every session of the signed-in person, on every device, then this one's cookie. */
export async function signOutEverywhereAction(): Promise<void> {
  const actor = await getSessionActor();
  if (actor) {
    const ended = await deleteSessionsOfUser({ db: getDb(), userId: actor.userId });
    logger.info({ userId: actor.userId, sessions: ended }, "signed out everywhere");
  }
  await signOut({ redirectTo: "/signin" });
}
