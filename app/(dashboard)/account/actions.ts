"use server";
import { cookies } from "next/headers";
import { z } from "zod";
import type { PasswordFormState } from "@/components/account/password-form";
import { getDb } from "@/db";
import { findUnsafeInput } from "@/lib/api/find-unsafe-input";
import { hashToken } from "@/lib/auth/hash-token";
import { signInMethods } from "@/lib/auth/sign-in-methods";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { changePassword } from "@/lib/teams/change-password";
import { signedInActor } from "../action-helpers";

const passwordForm = z.object({
  currentPassword: z.string().optional(),
  newPassword: z.string().min(1, "Choose a new password."),
  repeatPassword: z.string(),
});

// The field each refusal of changePassword belongs to.
const fieldOf: Record<string, keyof z.infer<typeof passwordForm>> = {
  "bad_request:currentPassword": "currentPassword",
  "rate_limited:password": "currentPassword",
  "bad_request:newPassword": "newPassword",
};

/** The password form of /account: set a first password, or change it. Other devices are signed out. */
export async function changePasswordAction(_previous: PasswordFormState, form: FormData): Promise<PasswordFormState> {
  if (!signInMethods().password) return { error: "Email and password sign-in is turned off on this server." };
  const fields = Object.fromEntries(form);
  if (findUnsafeInput(fields)) return { error: "The form contains a character that is not allowed (NUL)." };
  const input = passwordForm.safeParse(fields);
  if (!input.success) return { error: null, fieldErrors: { newPassword: input.error.issues[0]!.message } };
  if (input.data.newPassword !== input.data.repeatPassword)
    return { error: null, fieldErrors: { repeatPassword: "The two new passwords are not the same." } };
  try {
    const actor = await signedInActor();
    const jar = await cookies();
    const session = jar.get("__Secure-authjs.session-token") ?? jar.get("authjs.session-token");
    const { action, otherSessionsEnded } = await changePassword({
      db: getDb(),
      actor,
      currentPassword: input.data.currentPassword || null,
      newPassword: input.data.newPassword,
      currentSessionTokenHash: session ? hashToken(session.value) : null,
    });
    logger.info({ userId: actor.userId, action, otherSessionsEnded }, "password updated");
    return { error: null, done: action, otherSessionsEnded };
  } catch (error) {
    if (error instanceof AppError) {
      const field = fieldOf[error.code];
      return field ? { error: null, fieldErrors: { [field]: error.message } } : { error: error.message };
    }
    logger.error({ err: error }, "password change failed");
    return { error: "Something went wrong; your password was not changed." };
  }
}
