import type { Logger } from "pino";
import type { FirstAdmin } from "@/lib/teams/ensure-first-admin";

/**
 * Tells the person who started Mergeline how to sign in as the first admin. The one-time
 * link goes to stdout only, never into the structured log, which may be shipped elsewhere.
 */
export function announceFirstAdmin({
  admin,
  baseUrl,
  logger,
  out = process.stdout,
}: {
  admin: FirstAdmin;
  baseUrl: string;
  logger: Logger;
  out?: NodeJS.WritableStream;
}): void {
  const { user, team, oneTimeLogin } = admin;
  logger.info(
    {
      userId: user.id,
      email: user.email,
      teamId: team.id,
      signIn: oneTimeLogin ? "one-time link (printed on stdout)" : "MERGELINE_ADMIN_PASSWORD",
    },
    "first admin created",
  );
  if (!oneTimeLogin) return;
  const link = `${baseUrl}/signin/one-time?${new URLSearchParams({ token: oneTimeLogin.token })}`;
  out.write(
    [
      "",
      "  ┌─ Mergeline: first admin account",
      `  │  ${user.email} is an admin of "${team.name}". Sign in with this one-time link:`,
      "  │",
      `  │    ${link}`,
      "  │",
      `  │  It works once and expires ${oneTimeLogin.expiresAt.toISOString()} (24 hours).`,
      "  └─ Set MERGELINE_ADMIN_PASSWORD on a new database to use a password instead.",
      "",
      "",
    ].join("\n"),
  );
}
