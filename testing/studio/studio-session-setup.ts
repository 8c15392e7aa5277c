import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import { afterAll, beforeAll } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { insertStudioSession } from "@/db/queries/studio";
import type { Project, StudioSession, StudioSessionStatus, TeamRole } from "@/db/schema";
import type { UserActor } from "@/lib/auth/get-session-actor";
import { createTestDatabase } from "@/testing/database";
import { createLocalProject, makeTempDir } from "@/testing/local-project";

/**
 * A studio session row (no dev server) on a local project of a team of its own, in a real test
 * database, for tests of who may do what to it; `person` is someone in a team with a role
 * (the session's team unless another is named).
 */
export function studioSessionSetup({ status }: { status: StudioSessionStatus }) {
  let opened: { handle: DatabaseHandle; root: string; project: Project; session: StudioSession } | undefined;
  beforeAll(async () => {
    const handle = await createTestDatabase();
    const root = await makeTempDir();
    const { project } = await createLocalProject(handle.db, root);
    const session = await insertStudioSession({ db: handle.db, projectId: project.id, values: { status } });
    opened = { handle, root, project, session };
  });
  afterAll(async () => {
    await opened?.handle.close();
    if (opened) await fs.rm(opened.root, { recursive: true, force: true });
  });
  const get = () => {
    if (!opened) throw new Error("studioSessionSetup: used before its beforeAll ran");
    return opened;
  };
  return {
    get handle() {
      return get().handle;
    },
    get project() {
      return get().project;
    },
    get session() {
      return get().session;
    },
    person: (role: TeamRole, teamId = get().project.teamId): UserActor => ({
      kind: "user",
      userId: randomUUID(),
      memberships: [{ teamId, role }],
      ip: null,
    }),
  };
}
