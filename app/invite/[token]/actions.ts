"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { findUnsafeInput } from "@/lib/api/find-unsafe-input";
import { signIn } from "@/lib/auth/auth";
import { getSessionActor } from "@/lib/auth/get-session-actor";
import { requestIp } from "@/lib/auth/request-ip";
import { signInMethods } from "@/lib/auth/sign-in-methods";
import { AppError } from "@/lib/platform/errors";
import { acceptInvitation } from "@/lib/teams";
import { createInvitedAccount } from "@/lib/teams/create-invited-account";

export type InvitationFormState = { error: string | null };

const tokenField = z.string().min(1).max(200);

/** The signed-in person joins the team; then the dashboard. */
export async function acceptInvitationAction(
  _state: InvitationFormState,
  form: FormData,
): Promise<InvitationFormState> {
  const token = tokenField.safeParse(form.get("token"));
  if (!token.success || findUnsafeInput(token.data)) return { error: "This invitation link is not valid" };
  const actor = await getSessionActor(await requestIp());
  if (!actor) return { error: "Your session has ended; sign in again" };
  try {
    await acceptInvitation({ db: getDb(), token: token.data, userId: actor.userId, ip: actor.ip });
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
  redirect("/");
}

const accountForm = z.object({
  token: tokenField,
  name: z.string().trim().max(200).optional(),
  password: z.string().max(1024),
});

/** A new local account for the invited address, in the team, signed in. */
export async function createInvitedAccountAction(
  _state: InvitationFormState,
  form: FormData,
): Promise<InvitationFormState> {
  if (!signInMethods().password) return { error: "Email and password accounts are turned off on this server." };
  const fields = Object.fromEntries(form);
  // A NUL in the name would reach the new account's row, which Postgres refuses.
  const unsafe = findUnsafeInput(fields);
  if (unsafe) return { error: `${unsafe.path.join(".") || "The form"}: ${unsafe.message}` };
  const input = accountForm.safeParse(fields);
  if (!input.success) return { error: "Fill in the form" };
  let email: string;
  try {
    ({ email } = await createInvitedAccount({
      db: getDb(),
      token: input.data.token,
      password: input.data.password,
      name: input.data.name || null,
      ip: await requestIp(),
    }));
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
  // Signs in and redirects (Next's redirect is thrown, so nothing after this runs).
  await signIn("password", { email, password: input.data.password, redirectTo: "/" });
  return { error: null };
}
