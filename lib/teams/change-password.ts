import type { Database } from "@/db/client";
import { deleteOtherSessionsOfUser } from "@/db/queries/sessions";
import { getUserById, setUserPasswordHash } from "@/db/queries/users";
import { recordAudit } from "@/lib/audit";
import type { UserActor } from "@/lib/auth/get-session-actor";
import { limitSignInAttempts } from "@/lib/auth/limit-sign-in-attempts";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/platform/errors";
import { MIN_PASSWORD_LENGTH } from "./create-invited-account";

const MAX_PASSWORD_LENGTH = 1024;

/**
 * Sets the signed-in person's password, or changes it (then their current one is checked,
 * counted against the sign-in limits like a sign-in). Every other session of theirs ends,
 * the one they are using stays; each of their teams' audit logs records it. The way back
 * in for someone whose one-time link is spent, and who signed out.
 */
export async function changePassword({
  db,
  actor,
  currentPassword,
  newPassword,
  currentSessionTokenHash,
}: {
  db: Database;
  actor: UserActor;
  currentPassword: string | null;
  newPassword: string;
  /** The session making the change, kept signed in. */
  currentSessionTokenHash: string | null;
}): Promise<{ action: "set" | "changed"; otherSessionsEnded: number }> {
  const user = await getUserById({ db, id: actor.userId });
  if (!user) throw new AppError("unauthorized:session", "Your session has ended; sign in again");
  if (newPassword.length < MIN_PASSWORD_LENGTH)
    throw new AppError("bad_request:newPassword", `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (newPassword.length > MAX_PASSWORD_LENGTH)
    throw new AppError("bad_request:newPassword", `A password can have at most ${MAX_PASSWORD_LENGTH} characters.`);
  if (user.passwordHash) {
    if (!currentPassword) throw new AppError("bad_request:currentPassword", "Enter your current password.");
    // A stolen session must not make guessing the password cheap: the sign-in limits apply.
    if (user.email) await limitSignInAttempts({ db, email: user.email, ip: actor.ip }).catch(tooMany);
    if (!(await verifyPassword(currentPassword, user.passwordHash)))
      throw new AppError("bad_request:currentPassword", "That is not your current password.");
  }
  const action = user.passwordHash ? "changed" : "set";
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    await setUserPasswordHash({ db: tx, userId: user.id, passwordHash });
    const otherSessionsEnded = await deleteOtherSessionsOfUser({
      db: tx,
      userId: user.id,
      keepTokenHash: currentSessionTokenHash,
    });
    for (const { teamId } of actor.memberships)
      await recordAudit({
        db: tx,
        actor,
        teamId,
        action: `user.password_${action}`,
        targetType: "user",
        targetId: user.id,
        data: { otherSessionsEnded },
      });
    return { action, otherSessionsEnded };
  });
}

function tooMany(): never {
  throw new AppError("rate_limited:password", "Too many password attempts. Wait a quarter of an hour, then try again.");
}
