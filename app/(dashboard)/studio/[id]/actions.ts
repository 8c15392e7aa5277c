"use server";
import { z } from "zod";
import { getDb } from "@/db";
import { getProjectById } from "@/db/queries/projects";
import type { Project, StudioSession } from "@/db/schema";
import { loadStudioSessionFor } from "@/lib/api/load-studio-session-for";
import { parseActionInput } from "@/lib/api/parse-action-input";
import type { UserActor } from "@/lib/auth/get-session-actor";
import { type ActionResult, runAction } from "@/lib/platform/run-action";
import { auditStudioAction } from "@/lib/studio/audit-studio-action";
import { createStudioSession } from "@/lib/studio/create-studio-session";
import { finalizeStudioSession } from "@/lib/studio/finalize-studio-session";
import { getStudioCommitDiff } from "@/lib/studio/get-studio-commit-diff";
import { rollbackStudioSession } from "@/lib/studio/rollback-studio-session";
import { sendStudioMessage } from "@/lib/studio/send-studio-message";
import { stopStudioSession } from "@/lib/studio/stop-studio-session";
import { authorizedProject, signedInActor } from "../../action-helpers";

// The studio page's actions: thin wrappers over lib/studio that check the session and the
// team role, validate with zod, audit like the REST API, and answer { ok } or { error }.

const sessionId = z.uuid("Must be a studio session id (a UUID)");

async function writableSession(id: string): Promise<{ actor: UserActor; session: StudioSession; project: Project }> {
  const actor = await signedInActor();
  const { session, project } = await loadStudioSessionFor({
    db: getDb(),
    actor,
    sessionId: id,
    permission: "write",
    authorizeProject: (project) => authorizedProject(actor, project, "write"),
  });
  return { actor, session, project };
}

const startInput = z.object({ projectId: z.uuid(), baseBranch: z.string().trim().min(1).max(200).optional() }).strict();

export async function startStudioSessionAction(
  input: z.input<typeof startInput>,
): Promise<ActionResult<{ sessionId: string }>> {
  return runAction(async () => {
    const data = parseActionInput(startInput, input);
    const actor = await signedInActor();
    const db = getDb();
    const project = authorizedProject(actor, await getProjectById({ db, id: data.projectId }), "write");
    const session = await createStudioSession({ db, project, baseBranch: data.baseBranch, userId: actor.userId });
    await auditStudioAction({ db, actor, ip: actor.ip, project, session, action: "studio_session.created" });
    return { sessionId: session.id };
  });
}

const messageInput = z.object({ sessionId, text: z.string().trim().min(1, "Say what to change").max(20_000) }).strict();

export async function sendStudioMessageAction(input: z.input<typeof messageInput>): Promise<ActionResult> {
  return runAction(async () => {
    const data = parseActionInput(messageInput, input);
    const { actor, session, project } = await writableSession(data.sessionId);
    const db = getDb();
    await sendStudioMessage({ db, sessionId: session.id, text: data.text });
    await auditStudioAction({ db, actor, ip: actor.ip, project, session, action: "studio_session.message_sent" });
    return {};
  });
}

const rollbackInput = z.object({ sessionId, commitHash: z.string().regex(/^[0-9a-f]{7,64}$/i) }).strict();

export async function rollbackStudioAction(
  input: z.input<typeof rollbackInput>,
): Promise<ActionResult<{ currentHash: string }>> {
  return runAction(async () => {
    const data = parseActionInput(rollbackInput, input);
    const { actor, session, project } = await writableSession(data.sessionId);
    const db = getDb();
    const result = await rollbackStudioSession({
      db,
      sessionId: session.id,
      commitHash: data.commitHash,
      userId: actor.userId,
    });
    await auditStudioAction({
      db,
      actor,
      ip: actor.ip,
      project,
      session,
      action: "studio_session.rolled_back",
      data: { to: data.commitHash, currentHash: result.currentHash },
    });
    return { currentHash: result.currentHash };
  });
}

const finalizeInput = z
  .object({
    sessionId,
    title: z.string().trim().min(1, "A title is needed").max(200),
    description: z.string().max(20_000),
  })
  .strict();

export async function finalizeStudioAction(
  input: z.input<typeof finalizeInput>,
): Promise<ActionResult<{ runId: string; pullRequestNumber: number }>> {
  return runAction(async () => {
    const data = parseActionInput(finalizeInput, input);
    const { actor, session, project } = await writableSession(data.sessionId);
    const db = getDb();
    const result = await finalizeStudioSession({
      db,
      sessionId: session.id,
      title: data.title,
      description: data.description,
      userId: actor.userId,
    });
    await auditStudioAction({
      db,
      actor,
      ip: actor.ip,
      project,
      session,
      action: "studio_session.finalized",
      data: { pullRequestNumber: result.pullRequestNumber, runId: result.runId },
    });
    return { runId: result.runId, pullRequestNumber: result.pullRequestNumber };
  });
}

const stopInput = z.object({ sessionId }).strict();

export async function stopStudioAction(input: z.input<typeof stopInput>): Promise<ActionResult> {
  return runAction(async () => {
    const data = parseActionInput(stopInput, input);
    const { actor, session, project } = await writableSession(data.sessionId);
    const db = getDb();
    await stopStudioSession({ db, sessionId: session.id });
    await auditStudioAction({ db, actor, ip: actor.ip, project, session, action: "studio_session.deleted" });
    return {};
  });
}

const diffInput = z.object({ sessionId, sha: z.string().regex(/^[0-9a-f]{40,64}$/) }).strict();

export async function studioCommitDiffAction(
  input: z.input<typeof diffInput>,
): Promise<ActionResult<{ diff: string; truncated: boolean }>> {
  return runAction(async () => {
    const data = parseActionInput(diffInput, input);
    const actor = await signedInActor();
    const db = getDb();
    // Viewers read diffs too; another team's session is "not found".
    const { session } = await loadStudioSessionFor({ db, actor, sessionId: data.sessionId, permission: "read" });
    return getStudioCommitDiff({ db, session, sha: data.sha });
  });
}
