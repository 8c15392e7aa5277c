import type { Database } from "@/db/client";
import { createTeam, getTeamBySlug } from "@/db/queries/teams";
import type { Team } from "@/db/schema";

/**
 * The team of a GitHub account (user or organization): named after its login, slug
 * `github-<login>`. A local team that took that slug first keeps it; the account's team
 * then gets `github-<login>-<account id>`.
 */
export async function ensureAccountTeam({
  db,
  login,
  accountId,
}: {
  db: Database;
  login: string;
  accountId: number;
}): Promise<Team> {
  const base = `github-${login.toLowerCase()}`;
  for (const slug of [base, `${base}-${accountId}`]) {
    const existing = await getTeamBySlug({ db, slug });
    if (!existing) return createTeam({ db, name: login, slug, kind: "github" });
    if (existing.kind === "github") return existing;
  }
  throw new Error(`No free team slug for GitHub account ${login}`);
}
