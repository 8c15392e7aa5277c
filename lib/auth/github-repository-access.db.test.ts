import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { Project } from "@/db/schema";

// A person signed in with GitHub reaches a GitHub project only when GitHub lists its
// repository for them (GET /user/installations/{id}/repositories with their own token),
// here asked of a loopback server that answers like api.github.com.

vi.hoisted(() => vi.stubEnv("MERGELINE_ENCRYPTION_KEY", Buffer.alloc(32, 6).toString("base64")));

const INSTALLATION = 7007;
let handle: DatabaseHandle;
let server: Server;
let apiUrl: string;
let requests = 0;
let projects: Record<"visible" | "hidden" | "local", Project>;
let teamId: string;
let alice: string;
let bob: string;
let m: {
  access: typeof import("./github-repository-access");
  actor: typeof import("./actor");
  loadProjectFor: typeof import("@/lib/api/load-project-for").loadProjectFor;
  getProjectSummaries: typeof import("@/db/queries/project-summaries").getProjectSummaries;
};

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    const json = (status: number, body: unknown) =>
      void res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (req.headers.authorization !== "Bearer gho_alice") return json(401, { message: "Bad credentials" });
    if (!req.url?.startsWith(`/user/installations/${INSTALLATION}/repositories`))
      return json(404, { message: "Not Found" });
    json(200, { total_count: 1, repositories: [{ full_name: "Acme/Visible" }] });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { createTestDatabase } = await import("@/testing/database");
  const schema = await import("@/db/schema");
  const { createTeam } = await import("@/db/queries/teams");
  const { createProject } = await import("@/db/queries/projects");
  const { upsertInstallation } = await import("@/db/queries/installations");
  const { defaultProjectSettings } = await import("@/lib/projects/settings");
  const { sealOAuthToken } = await import("@/lib/secrets/oauth-token-cipher");
  handle = await createTestDatabase();
  const db = handle.db;
  teamId = (await createTeam({ db, name: "acme", slug: "github-acme", kind: "github" })).id;
  const installation = await upsertInstallation({
    db,
    values: {
      githubInstallationId: INSTALLATION,
      teamId,
      accountLogin: "acme",
      accountType: "Organization",
      repositorySelection: "all",
      suspendedAt: null,
    },
  });
  const project = (provider: "github" | "local", repository: string) =>
    createProject({
      db,
      values: {
        teamId,
        provider,
        repository,
        name: repository,
        installationId: provider === "github" ? installation.id : null,
        settings: defaultProjectSettings(),
      },
    });
  projects = {
    visible: await project("github", "acme/visible"),
    hidden: await project("github", "acme/hidden"),
    local: await project("local", "/srv/repos/tool"),
  };
  const [aliceRow] = await db.insert(schema.users).values({ email: "alice@example.com" }).returning();
  const [bobRow] = await db.insert(schema.users).values({ email: "bob@example.com" }).returning();
  alice = aliceRow!.id;
  bob = bobRow!.id;
  const access_token = sealOAuthToken({ token: "gho_alice", provider: "github", providerAccountId: "501" });
  await db
    .insert(schema.accounts)
    .values({ userId: alice, type: "oauth", provider: "github", providerAccountId: "501", access_token });
  m = {
    access: await import("./github-repository-access"),
    actor: await import("./actor"),
    loadProjectFor: (await import("@/lib/api/load-project-for")).loadProjectFor,
    getProjectSummaries: (await import("@/db/queries/project-summaries")).getProjectSummaries,
  };
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await handle?.close();
});

const actorOf = async (userId: string) => {
  const githubRepositories = await m.access.githubRepositoriesOf({ db: handle.db, userId, teamIds: [teamId], apiUrl });
  return {
    kind: "user" as const,
    userId,
    memberships: [{ teamId, role: "member" as const }],
    ip: null,
    ...(githubRepositories ? { githubRepositories } : {}),
  };
};

describe("GitHub repository access", () => {
  it("shows a GitHub user only the GitHub projects GitHub lets them access, asking once per 5 minutes", async () => {
    m.access.forgetGithubRepositoryAccess();
    requests = 0;
    const actor = await actorOf(alice);
    expect([...actor.githubRepositories!]).toEqual(["acme/visible"]);
    expect(m.actor.can(actor, projects.visible, "write")).toBe(true);
    expect(m.actor.can(actor, projects.hidden, "read")).toBe(false);
    expect(m.actor.can(actor, projects.local, "write")).toBe(true);
    await expect(
      m.loadProjectFor({ db: handle.db, actor, projectId: projects.hidden.id, permission: "read" }),
    ).rejects.toMatchObject({ code: "not_found:project" });
    const summaries = await m.getProjectSummaries({
      db: handle.db,
      teamIds: [teamId],
      githubRepositories: actor.githubRepositories,
      limit: 10,
    });
    expect(summaries.map((summary) => summary.project.repository).sort()).toEqual(["/srv/repos/tool", "acme/visible"]);
    await actorOf(alice);
    expect(requests).toBe(1);
  });

  it("leaves people without a GitHub sign-in to their team role", async () => {
    const actor = await actorOf(bob);
    expect(actor.githubRepositories).toBeUndefined();
    expect(m.actor.can(actor, projects.hidden, "read")).toBe(true);
  });

  it("denies when the stored token is refused", async () => {
    m.access.forgetGithubRepositoryAccess();
    const schema = await import("@/db/schema");
    const { sealOAuthToken } = await import("@/lib/secrets/oauth-token-cipher");
    const { eq } = await import("drizzle-orm");
    await handle.db
      .update(schema.accounts)
      .set({ access_token: sealOAuthToken({ token: "gho_revoked", provider: "github", providerAccountId: "501" }) })
      .where(eq(schema.accounts.userId, alice));
    const actor = await actorOf(alice);
    expect(m.actor.can(actor, projects.visible, "read")).toBe(false);
    expect(m.actor.can(actor, projects.local, "read")).toBe(true);
  });
});
