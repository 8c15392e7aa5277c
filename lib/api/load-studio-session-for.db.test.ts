import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/auth/get-session-actor";
import { AppError } from "@/lib/platform/errors";
import { studioSessionSetup } from "@/testing/studio/studio-session-setup";
import { loadStudioSessionFor } from "./load-studio-session-for";

// The one preamble of the studio's routes, actions and page: which session, which project,
// and the 404 / 403 REST answers (the dashboard's own words: app/(dashboard)/studio/[id]/actions.db.test.ts).

const setup = studioSessionSetup({ status: "stopped" });
const { person } = setup;

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof AppError ? { code: error.code, message: error.message } : error),
  );

describe("loadStudioSessionFor", () => {
  it("gives the session and its project to a member, and to a viewer for reading", async () => {
    const { handle, project, session } = setup;
    const loaded = await loadStudioSessionFor({
      db: handle.db,
      actor: person("member"),
      sessionId: session.id,
      permission: "write",
    });
    expect(loaded.session.id).toBe(session.id);
    expect(loaded.project.id).toBe(project.id);
    await expect(
      loadStudioSessionFor({ db: handle.db, actor: person("viewer"), sessionId: session.id, permission: "read" }),
    ).resolves.toMatchObject({ session: { id: session.id } });
  });

  it("answers REST's 404 for a missing or another team's session and 403 for a viewer's write", async () => {
    const load = (actor: UserActor, sessionId = setup.session.id) =>
      refusal(loadStudioSessionFor({ db: setup.handle.db, actor, sessionId, permission: "write" }));
    const notFound = { code: "not_found:studio_session", message: "Studio session not found" };
    expect(await load(person("admin"), randomUUID())).toEqual(notFound);
    expect(await load(person("admin", randomUUID()))).toEqual(notFound);
    expect(await load(person("viewer"))).toEqual({
      code: "forbidden:studio_session",
      message: "Your role in this team does not allow write access to this studio_session",
    });
  });
});
