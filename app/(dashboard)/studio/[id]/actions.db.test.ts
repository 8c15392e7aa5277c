import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { setDatabaseHandle } from "@/db";
import { getStudioSession } from "@/db/queries/studio";
import type { TeamRole } from "@/db/schema";
import type { UserActor } from "@/lib/auth/get-session-actor";
import { studioSessionSetup } from "@/testing/studio/studio-session-setup";

// The studio page's refusals, in the dashboard's words, before anything is touched: the
// session is whatever the test says.
const state = vi.hoisted(() => ({ actor: null as UserActor | null }));
vi.mock("@/lib/auth/get-session-actor", () => ({
  getSessionActor: async (ip: string | null) => state.actor && { ...state.actor, ip },
}));
vi.mock("@/lib/auth/request-ip", () => ({ requestIp: async () => "203.0.113.9" }));

const { stopStudioAction, studioCommitDiffAction } = await import("./actions");

const setup = studioSessionSetup({ status: "running" });
beforeAll(() => setDatabaseHandle(setup.handle));
const as = (role: TeamRole, teamId?: string) => (state.actor = setup.person(role, teamId));

describe("studio actions", () => {
  it("refuses a viewer's stop, another team's session and a missing one, and leaves the session running", async () => {
    as("viewer");
    expect(await stopStudioAction({ sessionId: setup.session.id })).toEqual({
      ok: false,
      error: "Your role in this team only allows viewing",
    });
    as("admin", randomUUID());
    expect(await stopStudioAction({ sessionId: setup.session.id })).toEqual({ ok: false, error: "Project not found" });
    as("admin");
    expect(await stopStudioAction({ sessionId: randomUUID() })).toEqual({
      ok: false,
      error: "Studio session not found",
    });
    expect((await getStudioSession({ db: setup.handle.db, id: setup.session.id }))?.status).toBe("running");
  });

  it("shows diffs to viewers and hides another team's session", async () => {
    const sha = "0".repeat(40);
    as("admin", randomUUID());
    expect(await studioCommitDiffAction({ sessionId: setup.session.id, sha })).toEqual({
      ok: false,
      error: "Studio session not found",
    });
    as("viewer");
    // Past the check: the commit is not in the (empty) repository, so the diff itself fails.
    expect(await studioCommitDiffAction({ sessionId: setup.session.id, sha })).not.toEqual({
      ok: false,
      error: "Studio session not found",
    });
  });
});
