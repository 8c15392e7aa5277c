import { eq } from "drizzle-orm";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Database } from "@/db/client";
import { createProject } from "@/db/queries/projects";
import { insertRun } from "@/db/queries/runs";
import { insertPlanVersion } from "@/db/queries/plans";
import { createTeam } from "@/db/queries/teams";
import { upsertValidation } from "@/db/queries/validations";
import { upsertTeamMember } from "@/db/queries/team-members";
import { insertUserIfAbsent } from "@/db/queries/users";
import {
  type Project,
  type Run,
  type RunState,
  type TeamRole,
  apiKeys,
  auditLog,
  plans,
  projectSecrets,
  projects,
  pullRequests,
  runEvents,
  runs,
  sessions,
  notificationDeliveries,
  notificationDestinations,
  teamInvitations,
  teamMembers,
  validations,
} from "@/db/schema";
import { insertDeliveries } from "@/db/queries/notification-deliveries";
import { insertNotificationDestination } from "@/db/queries/notification-destinations";
import type { Actor } from "@/lib/auth/actor";
import { inviteMember } from "@/lib/teams";
import { createApiKey } from "@/lib/api-keys";
import { runGit } from "@/lib/workspaces/run-git";
import { defaultProjectSettings } from "@/lib/projects/settings";

// Test fixture for the REST API: two teams, API keys of each scope, a pinned project on a
// real git repository, and runs in the states the run routes act on.

/** A real git repository with one commit on main, in a temp dir. */
export async function createGitRepository(name = "repo"): Promise<string> {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-api-")), name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "README.md"), "# fixture\n");
  await runGit(dir, ["init", "--quiet", "--initial-branch=main"]);
  await runGit(dir, ["add", "--all"]);
  await runGit(dir, ["commit", "--quiet", "-m", "initial"]);
  return dir;
}

const budget = { maxAttempts: 3, maxDollars: 5, maxMinutes: 60 };

export type ApiFixture = Awaited<ReturnType<typeof createApiFixture>>;

export async function createApiFixture(db: Database) {
  const slug = `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const team = await createTeam({ db, name: "Team A", slug: `${slug}-a` });
  const otherTeam = await createTeam({ db, name: "Team B", slug: `${slug}-b` });
  const key = async (teamId: string, scopes: ("read" | "runs:write" | "admin")[]) =>
    (await createApiKey({ db, teamId, name: scopes.join("+"), scopes, createdBy: null })).secret;
  const tokens = {
    viewer: await key(team.id, ["read"]),
    member: await key(team.id, ["runs:write"]),
    admin: await key(team.id, ["admin"]),
    otherTeam: await key(otherTeam.id, ["admin"]),
  };
  // A key only for revoking, so that revoking it never locks out the tokens above.
  const spareApiKey = (await createApiKey({ db, teamId: team.id, name: "spare", scopes: ["read"], createdBy: null }))
    .apiKey;
  const repository = await createGitRepository();
  const project: Project = await createProject({
    db,
    values: { teamId: team.id, provider: "local", repository, name: "repo", settings: defaultProjectSettings() },
  });
  const run = (state: RunState, extra: Partial<Run> = {}) =>
    insertRun({
      db,
      values: {
        projectId: project.id,
        source: "api",
        goal: `Add removeItem (a ${state} run)`,
        baseBranch: "main",
        budget,
        state,
        ...extra,
      },
    });
  const queued = await run("queued");
  const awaiting = await run("awaiting_approval");
  await insertPlanVersion({
    db,
    runId: awaiting.id,
    status: "proposed",
    content: {
      summary: "Add a line",
      steps: [{ title: "Edit README" }],
      files: ["README.md"],
      acceptanceChecks: [{ description: "README has the line" }],
    },
  });
  const ready = await run("ready", { attempt: 1 });
  const cancelled = await run("cancelled", { finishedAt: new Date() });
  const validation = await upsertValidation({
    db,
    runId: ready.id,
    attempt: 1,
    values: { status: "passed", summary: "all green" },
  });
  // People in the team: two admins (so one can be demoted or removed) and a member.
  const person = async (name: string, role: TeamRole) => {
    const user = (await insertUserIfAbsent({ db, values: { email: `${name}-${slug}@example.test`, name } }))!;
    await upsertTeamMember({ db, teamId: team.id, userId: user.id, role });
    return user;
  };
  const people = {
    admin: await person("ada", "admin"),
    secondAdmin: await person("grace", "admin"),
    member: await person("linus", "member"),
  };
  const admin: Actor = {
    kind: "user",
    userId: people.admin.id,
    memberships: [{ teamId: team.id, role: "admin" }],
    ip: null,
  };
  const { invitation } = await inviteMember({
    db,
    actor: admin,
    ip: null,
    teamId: team.id,
    email: `new-${slug}@example.test`,
    role: "member",
  });
  // Notification destinations (one to delete) and a finished delivery, inserted as they are
  // stored (the webhook's secret sealed needs a key, which not every test file sets).
  const destination = async (name: string) =>
    insertNotificationDestination({
      db,
      values: {
        teamId: team.id,
        name,
        kind: "webhook",
        url: "https://93.184.215.14/hooks/mergeline",
        events: ["run.failed"],
      },
    });
  const notificationDestination = await destination("CI");
  const spareDestination = await destination("spare");
  const [notificationDelivery] = await insertDeliveries({
    db,
    rows: [
      {
        destinationId: notificationDestination.id,
        teamId: team.id,
        eventType: "notification.test",
        sourceKey: "fixture",
        payload: {
          type: "notification.test",
          timestamp: new Date(0).toISOString(),
          data: {
            team: { id: team.id },
            project: null,
            run: null,
            pullRequest: null,
            validation: null,
            message: "Test",
          },
        },
      },
    ],
  });
  await db
    .update(notificationDeliveries)
    .set({ status: "failed", attempts: 1, error: "HTTP 500" })
    .where(eq(notificationDeliveries.id, notificationDelivery!.id));
  return {
    team,
    otherTeam,
    tokens,
    notificationDestination,
    spareDestination,
    notificationDelivery: notificationDelivery!,
    spareApiKey,
    repository,
    project,
    runs: { queued, awaiting, ready, cancelled },
    validation,
    people,
    invitation,
  };
}

/** Everything a request could change, to prove a refused one changed nothing. */
export async function snapshotDomain(db: Database): Promise<string> {
  const tables = {
    projects,
    runs,
    plans,
    runEvents,
    validations,
    pullRequests,
    projectSecrets,
    auditLog,
    apiKeys,
    teamMembers,
    teamInvitations,
    sessions,
    notificationDestinations,
    notificationDeliveries,
  };
  const rows = await Promise.all(
    Object.entries(tables).map(async ([name, table]) => [name, await db.select().from(table)] as const),
  );
  // Authenticating stamps a key's lastUsedAt, refused or not: that is bookkeeping, not a change.
  for (const row of rows.find(([name]) => name === "apiKeys")?.[1] ?? [])
    delete (row as { lastUsedAt?: unknown }).lastUsedAt;
  const sorted = rows.map(([name, list]) => [name, list.map((row) => JSON.stringify(row)).sort()]);
  return JSON.stringify(sorted);
}
