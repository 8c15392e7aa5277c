import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { insertStudioSession } from "@/db/queries/studio";
import type { Project, StudioSession, TeamRole } from "@/db/schema";
import type { UserActor } from "@/lib/auth/get-session-actor";
import { AppError } from "@/lib/platform/errors";
import { createTestDatabase } from "@/testing/database";
import { createLocalProject, makeTempDir } from "@/testing/local-project";
import { loadStudioSessionFor } from "./load-studio-session-for";

// The one preamble of the studio's routes, actions and page: which session, which project,
// and the 404 / 403 REST answers (the dashboard's own words: app/(dashboard)/studio/[id]/actions.db.test.ts).

let handle: DatabaseHandle;
let root: string;
let project: Project;
let session: StudioSession;
beforeAll(async () => {
  handle = await createTestDatabase();
  root = await makeTempDir();
  ({ project } = await createLocalProject(handle.db, root));
  session = await insertStudioSession({ db: handle.db, projectId: project.id, values: { status: "stopped" } });
});
afterAll(async () => {
  await handle.close();
  await fs.rm(root, { recursive: true, force: true });
});

const person = (teamId: string, role: TeamRole): UserActor => ({
  kind: "user",
  userId: randomUUID(),
  memberships: [{ teamId, role }],
  ip: null,
});

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof AppError ? { code: error.code, message: error.message } : error),
  );

describe("loadStudioSessionFor", () => {
  it("gives the session and its project to a member, and to a viewer for reading", async () => {
    const member = person(project.teamId, "member");
    const loaded = await loadStudioSessionFor({
      db: handle.db,
      actor: member,
      sessionId: session.id,
      permission: "write",
    });
    expect(loaded.session.id).toBe(session.id);
    expect(loaded.project.id).toBe(project.id);
    const viewer = person(project.teamId, "viewer");
    await expect(
      loadStudioSessionFor({ db: handle.db, actor: viewer, sessionId: session.id, permission: "read" }),
    ).resolves.toMatchObject({ session: { id: session.id } });
  });

  it("answers REST's 404 for a missing or another team's session and 403 for a viewer's write", async () => {
    const load = (actor: UserActor, sessionId = session.id) =>
      refusal(loadStudioSessionFor({ db: handle.db, actor, sessionId, permission: "write" }));
    const notFound = { code: "not_found:studio_session", message: "Studio session not found" };
    expect(await load(person(project.teamId, "admin"), randomUUID())).toEqual(notFound);
    expect(await load(person(randomUUID(), "admin"))).toEqual(notFound);
    expect(await load(person(project.teamId, "viewer"))).toEqual({
      code: "forbidden:studio_session",
      message: "Your role in this team does not allow write access to this studio_session",
    });
  });
});
