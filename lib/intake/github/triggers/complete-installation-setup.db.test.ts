import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import * as schema from "@/db/schema";
import type { GitHubEmulator } from "@/testing/github-emulator";

// The /github/setup check on the GitHub emulator. The emulator serves the App's API; the
// two endpoints a person's own OAuth token reaches (GET /user/installations and
// GET /user/memberships/orgs/{org}) are answered in GitHub's shapes by a loopback server in
// front of it, which passes everything else through.

let gh: GitHubEmulator;
let handle: DatabaseHandle;
let front: Server;
let apiUrl: string;
// The installations each OAuth token can see, and org roles: what GitHub would know.
const visibleTo = new Map<string, number[]>();
const orgAdmins = new Set<string>();
// biome-ignore lint/suspicious/noExplicitAny: modules imported after the environment is set
let m: Record<string, any>;
let installationId: number;

async function startFront(target: string): Promise<string> {
  front = createServer(async (req, res) => {
    const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/api/v3/user/installations") {
      if (!visibleTo.has(token))
        return void res
          .writeHead(401, { "content-type": "application/json" })
          .end(JSON.stringify({ message: "Bad credentials" }));
      const installations = visibleTo.get(token)!.map((id) => ({ id }));
      return void res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ total_count: installations.length, installations }));
    }
    const membership = /^\/api\/v3\/user\/memberships\/orgs\/([^/]+)$/.exec(url.pathname);
    if (membership) {
      const role = orgAdmins.has(`${token}:${membership[1]}`) ? "admin" : "member";
      return void res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ state: "active", role }));
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(
        ([name, value]) => typeof value === "string" && !["host", "content-length", "connection"].includes(name),
      ),
    ) as Record<string, string>;
    const answer = await fetch(`${target}${req.url}`, {
      method: req.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    res.writeHead(
      answer.status,
      Object.fromEntries(
        [...answer.headers].filter(
          ([name]) => !["content-encoding", "content-length", "transfer-encoding"].includes(name),
        ),
      ),
    );
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(front.address() as AddressInfo).port}/api/v3`;
}

async function user(email: string, github?: { id: number; token: string }): Promise<string> {
  const [row] = await handle.db.insert(schema.users).values({ email }).returning();
  if (github) {
    // Stored as sign-in stores it: sealed under the encryption key.
    const access_token = m.sealOAuthToken({
      token: github.token,
      provider: "github",
      providerAccountId: String(github.id),
    });
    await handle.db.insert(schema.accounts).values({
      userId: row!.id,
      type: "oauth",
      provider: "github",
      providerAccountId: String(github.id),
      access_token,
    });
  }
  return row!.id;
}

beforeAll(async () => {
  const { startGitHubEmulator } = await import("@/testing/github-emulator");
  gh = await startGitHubEmulator();
  apiUrl = await startFront(gh.url);
  Object.assign(process.env, { LOG_LEVEL: "silent", MERGELINE_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64") });
  const { createTestDatabase } = await import("@/testing/database");
  const { setDatabaseHandle } = await import("@/db");
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
  const { createGitHubApp } = await import("@/lib/git-provider/github/app");
  m = {
    github: createGitHubApp({
      appId: String(gh.appId),
      privateKey: gh.privateKey,
      apiUrl,
      retryAfterBaseMs: 10,
      writeIntervalMs: 10,
    }),
    ...(await import("./complete-installation-setup")),
    ...(await import("./pin-installation-repository")),
    ...(await import("@/db/queries/team-members")),
    ...(await import("@/lib/secrets/oauth-token-cipher")),
  };
  await gh.createRepository({ owner: "globex", name: "api" });
  await gh.createRepository({ owner: "globex", name: "web", private: true });
  installationId = gh.createInstallation({
    account: { login: "globex", type: "Organization" },
    repositories: ["globex/api", "globex/web"],
  }).id;
}, 120_000);

afterAll(async () => {
  await gh?.close();
  await new Promise((resolve) => front?.close(resolve));
  await handle?.close();
});

const setup = (userId: string, id: string | undefined = String(installationId)) =>
  m.completeInstallationSetup({ db: handle.db, userId, installationId: id, github: m.github });

describe("completeInstallationSetup", () => {
  it("stores nothing for an id the person's GitHub account cannot see, or without GitHub sign-in", async () => {
    const local = await user("local@example.com");
    expect(await setup(local)).toEqual({ status: "needs_github_sign_in", reason: "no_github_account" });
    const stale = await user("stale@example.com", { id: 501, token: "gho_revoked" });
    expect(await setup(stale)).toEqual({ status: "needs_github_sign_in", reason: "token_rejected" });
    const stranger = await user("stranger@example.com", { id: 502, token: "gho_stranger" });
    visibleTo.set("gho_stranger", [999]);
    expect(await setup(stranger)).toEqual({ status: "not_visible" });
    expect(await setup(stranger, "1 or 1=1")).toEqual({ status: "invalid_installation_id" });
    expect(await handle.db.select().from(schema.installations)).toEqual([]);
    expect(await handle.db.select().from(schema.teams)).toEqual([]);
  });

  it("syncs an installation the person can see, with its repositories, and adds them to its team", async () => {
    const dev = await user("dev@example.com", { id: 601, token: "gho_dev" });
    visibleTo.set("gho_dev", [123, installationId]);
    const result = await setup(dev);
    expect(result).toMatchObject({
      status: "synced",
      role: "member",
      installation: { githubInstallationId: installationId, accountLogin: "globex" },
    });
    expect(
      result.repositories.map((repository: schema.InstallationRepository) => [repository.fullName, repository.private]),
    ).toEqual([
      ["globex/api", false],
      ["globex/web", true],
    ]);
    expect(await m.getMembershipsByUserId({ db: handle.db, userId: dev })).toEqual([
      { teamId: result.installation.teamId, role: "member" },
    ]);

    const owner = await user("owner@example.com", { id: 602, token: "gho_owner" });
    visibleTo.set("gho_owner", [installationId]);
    orgAdmins.add("gho_owner:globex");
    expect(await setup(owner)).toMatchObject({ status: "synced", role: "admin" });
    expect(await handle.db.select().from(schema.installations)).toHaveLength(1);
  });

  it("lets team admins pin the installation's repositories, and nobody else", async () => {
    const [installation] = await handle.db.select().from(schema.installations);
    const actorOf = async (email: string) => {
      const [row] = await handle.db.select().from(schema.users).where(eq(schema.users.email, email));
      return {
        kind: "user" as const,
        userId: row!.id,
        memberships: await m.getMembershipsByUserId({ db: handle.db, userId: row!.id }),
        ip: null,
      };
    };
    const pin = async (email: string, fullName: string) =>
      m.pinInstallationRepository({ db: handle.db, actor: await actorOf(email), ip: null, installation, fullName });
    await expect(pin("dev@example.com", "globex/api")).rejects.toMatchObject({ code: "forbidden:team" });
    await expect(pin("owner@example.com", "globex/elsewhere")).rejects.toMatchObject({
      code: "bad_request:repository",
    });
    const project = await pin("owner@example.com", "globex/api");
    expect(project).toMatchObject({
      provider: "github",
      repository: "globex/api",
      name: "api",
      pinned: true,
      installationId: installation!.id,
      teamId: installation!.teamId,
    });
    const again = await pin("owner@example.com", "globex/api");
    expect(again.id).toBe(project.id);
    expect(gh.violations).toEqual([]);
  });
});
