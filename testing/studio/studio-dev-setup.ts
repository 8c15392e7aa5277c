import http from "node:http";
import net from "node:net";
import path from "node:path";
import type { DatabaseHandle } from "@/db/client";
import type { Project, Team } from "@/db/schema";

// What the studio tests with a real dev server share: a data dir and a preview domain set
// before the app's modules load, a real test database, a fixture app committed to a local
// repository and pinned as a project (setup `npm ci`, the given dev command), a member of its
// team, and the real preview proxy on a real HTTP server (websockets too).

export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

export type StudioDevSetup = {
  handle: DatabaseHandle;
  team: Team;
  project: Project;
  memberId: string;
  proxyPort: number;
  /** Stops every live session of this process, the proxy and the database. */
  close: () => Promise<void>;
};

export async function startStudioDevSetup({
  root,
  fixture,
  devCommand,
  previewDomain,
  previewPorts,
  name,
}: {
  /** A temp dir of the test's own: the data dir and the repository go under it. */
  root: string;
  /** The fixture app's directory (testing/studio/fixtures/...). */
  fixture: string;
  devCommand: string;
  /** MERGELINE_PREVIEW_DOMAIN, from the proxy's port. */
  previewDomain: (proxyPort: number) => string;
  /** MERGELINE_PREVIEW_PORTS, a range no other test file uses. */
  previewPorts: string;
  /** The project's (and the team's) name. */
  name: string;
}): Promise<StudioDevSetup> {
  const proxyPort = await freePort();
  process.env.MERGELINE_DATA_DIR = path.join(root, "data");
  process.env.MERGELINE_PREVIEW_DOMAIN = previewDomain(proxyPort);
  process.env.AUTH_SECRET = `${name}-test-secret-0123456789abcdef0123456789`;
  process.env.MERGELINE_PREVIEW_PORTS = previewPorts;
  const { createTestDatabase } = await import("@/testing/database");
  const handle = await createTestDatabase();
  const { createFixtureRepository } = await import("@/testing/validation/create-fixture-repository");
  const repository = path.join(root, name);
  await createFixtureRepository(fixture, repository);
  const { createTeam } = await import("@/db/queries/teams");
  const { createProject } = await import("@/db/queries/projects");
  const { upsertTeamMember } = await import("@/db/queries/team-members");
  const { insertUserIfAbsent } = await import("@/db/queries/users");
  const { defaultProjectSettings } = await import("@/lib/projects/settings");
  const team = await createTeam({ db: handle.db, name, slug: `${name}-${Date.now()}` });
  const project = await createProject({
    db: handle.db,
    values: {
      teamId: team.id,
      provider: "local",
      repository,
      name,
      settings: defaultProjectSettings({ setupCommands: ["npm ci --no-audit --no-fund --loglevel=error"], devCommand }),
    },
  });
  const memberId = (await insertUserIfAbsent({ db: handle.db, values: { email: `member@${name}.test` } }))!.id;
  await upsertTeamMember({ db: handle.db, teamId: team.id, userId: memberId, role: "member" });

  const { createPreviewProxy } = await import("@/lib/preview-proxy/create-preview-proxy");
  const { logger } = await import("@/lib/platform/logger");
  const proxy = createPreviewProxy({ db: () => handle.db, logger });
  const proxyServer = http.createServer((req, res) => void proxy.handle(req, res));
  proxyServer.on("upgrade", (req, socket, head) => void proxy.upgrade(req, socket, head));
  await new Promise<void>((resolve) => proxyServer.listen(proxyPort, "127.0.0.1", resolve));

  return {
    handle,
    team,
    project,
    memberId,
    proxyPort,
    close: async () => {
      const { studioRegistry } = await import("@/lib/studio/studio-registry");
      await Promise.all(studioRegistry.all().map((live) => live.stop("test over")));
      proxyServer.close();
      await handle.close();
    },
  };
}
