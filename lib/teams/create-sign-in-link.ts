import type { Database } from "@/db/client";
import { getMembershipsByUserId } from "@/db/queries/team-members";
import { getUserByEmail } from "@/db/queries/users";
import { type AuditActor, recordAudit } from "@/lib/audit";
import { createOneTimeLogin } from "@/lib/auth/one-time-login";
import { AppError } from "@/lib/platform/errors";

/**
 * A new one-time sign-in link for the person with `email`, under `baseUrl` (the address the
 * app really answers on): the way back in for someone whose link is spent and who has no
 * password. Recorded in the audit log of each of their teams; the link itself is not.
 */
export async function createSignInLink({
  db,
  email,
  baseUrl,
  actor,
  via,
}: {
  db: Database;
  email: string;
  baseUrl: string;
  actor: AuditActor;
  /** How it was asked for, for the audit log ("cli", "members page"). */
  via: string;
}): Promise<{ email: string; url: string; expiresAt: Date }> {
  const user = await getUserByEmail({ db, email });
  if (!user) throw new AppError("not_found:user", `No user has the email ${email}`);
  const { token, expiresAt } = await createOneTimeLogin({ db, userId: user.id });
  for (const { teamId } of await getMembershipsByUserId({ db, userId: user.id }))
    await recordAudit({
      db,
      actor,
      teamId,
      action: "user.sign_in_link_created",
      targetType: "user",
      targetId: user.id,
      data: { via, expiresAt: expiresAt.toISOString() },
      ip: null,
    });
  const url = `${baseUrl.replace(/\/+$/, "")}/signin/one-time?${new URLSearchParams({ token })}`;
  return { email: user.email ?? email, url, expiresAt };
}
