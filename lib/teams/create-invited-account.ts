import type { Database } from "@/db/client";
import { insertUserIfAbsent } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/platform/errors";
import { acceptInvitation } from "./accept-invitation";
import { getInvitationPreview } from "./get-invitation-preview";

export const MIN_PASSWORD_LENGTH = 12;

/**
 * With local accounts on, an invitation is also how a new person gets an account: a
 * password for the invited address, then the invitation is accepted. An address that has
 * an account already must sign in instead (nobody takes over an account by invitation).
 */
export async function createInvitedAccount({
  db,
  token,
  password,
  name,
  ip,
}: {
  db: Database;
  token: string;
  password: string;
  name: string | null;
  ip: string | null;
}): Promise<{ email: string; teamId: string }> {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new AppError("bad_request:password", `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters`);
  const preview = await getInvitationPreview({ db, token });
  if (!preview) throw new AppError("not_found:invitation", "This invitation link is not valid");
  if (preview.closed)
    throw new AppError(
      "conflict:invitation",
      `This invitation has been ${preview.closed === "expired" ? "left to expire" : preview.closed}; ask for a new one`,
    );
  const user = await insertUserIfAbsent({
    db,
    values: { email: preview.invitation.email, name, passwordHash: await hashPassword(password) },
  });
  if (!user)
    throw new AppError(
      "conflict:account",
      "An account with this email address exists already: sign in, then open the link again",
    );
  const { teamId } = await acceptInvitation({ db, token, userId: user.id, ip });
  return { email: preview.invitation.email, teamId };
}
