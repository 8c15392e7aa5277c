"use server";
import { z } from "zod";
import { getDb } from "@/db";
import { markNotificationsRead } from "@/db/queries/notifications";
import { markTeamNoticesRead } from "@/db/queries/team-notices";
import { getProjectById } from "@/db/queries/projects";
import { getRunById } from "@/db/queries/runs";
import type { Project } from "@/db/schema";
import { visibleTeamIds } from "@/lib/auth/actor";
import type { UserActor } from "@/lib/auth/get-session-actor";
import { describeMissingBranch } from "@/lib/api/describe-missing-branch";
import { parseActionInput } from "@/lib/api/parse-action-input";
import { acceptanceCriteriaField, branchField, goalField, requirementsField } from "@/lib/api/run-inputs";
import { AppError } from "@/lib/platform/errors";
import { assertProjectPinned } from "@/lib/projects/assert-project-pinned";
import { createRun } from "@/lib/runs/create-run";
import { runAgentsFor } from "@/lib/runs/run-agents";
import { agentChoiceSchema } from "@/lib/projects/agent-choice-schema";
import { requestCancel, requestMerge } from "@/lib/runs/request-run-action";
import { type ActionResult, attempt, authorizedProject, FieldError, signedInActor } from "./action-helpers";

export type { ActionResult } from "./action-helpers";

// Thin wrappers over lib/runs: authorize, validate, call, and answer { ok } or { error } so
// forms can show the message. Each action checks the session itself: server actions are
// POSTs that any page can send, whatever proxy.ts covers.

function writableProject(actor: UserActor, project: Project | undefined, what: "project" | "run"): Project {
  return authorizedProject(actor, project, "write", what);
}

async function authorizeRun(actor: UserActor, runId: string): Promise<void> {
  const db = getDb();
  const run = await getRunById({ db, id: runId });
  writableProject(actor, run && (await getProjectById({ db, id: run.projectId })), "run");
}

const startRunInput = z.object({
  projectId: z.uuid(),
  goal: goalField,
  requirements: requirementsField.optional(),
  acceptanceCriteria: acceptanceCriteriaField.default([]),
  // Empty means the project's default branch.
  baseBranch: z.union([z.literal(""), branchField]).optional(),
  // Unset means the project's setting.
  autoConfirm: z.boolean().optional(),
  // This run's agent (its model optional) and best-of-N attempts; unset, the project's agent once.
  agent: agentChoiceSchema.pick({ backend: true, model: true }).optional(),
  attempts: z.number().int().min(1, "1 to 4 attempts").max(4, "1 to 4 attempts").optional(),
});

export async function startRunAction(input: z.input<typeof startRunInput>): Promise<ActionResult<{ runId: string }>> {
  return attempt(async () => {
    const actor = await signedInActor();
    const data = parseActionInput(startRunInput, input);
    const db = getDb();
    const project = writableProject(actor, await getProjectById({ db, id: data.projectId }), "project");
    assertProjectPinned(project);
    // Checked with the repository before the run exists: a branch typed wrong is a field error now.
    const missing = await describeMissingBranch({ db, project, branch: data.baseBranch || project.defaultBranch });
    if (missing)
      throw new FieldError({ baseBranch: data.baseBranch ? missing : `${missing} (the project's default branch)` });
    // The project's endpoint and key stay when the run picks the project's own kind of agent.
    const projectAgent = project.settings.agent;
    const agent = data.agent
      ? {
          ...(projectAgent?.backend === data.agent.backend ? projectAgent : {}),
          backend: data.agent.backend,
          ...(data.agent.model ? { model: data.agent.model } : {}),
        }
      : undefined;
    const agents = await runAgentsFor({ db, project, input: { agent, attempts: data.attempts } }).catch(
      (error: unknown) => {
        if (error instanceof AppError && error.status === 400) throw new FieldError({ agent: error.message });
        throw error;
      },
    );
    const run = await createRun({
      db,
      input: {
        project,
        agents,
        goal: data.goal,
        requirements: data.requirements || null,
        acceptanceCriteria: data.acceptanceCriteria,
        baseBranch: data.baseBranch || undefined,
        autoConfirm: data.autoConfirm,
        source: "dashboard",
        createdBy: actor.userId,
      },
    }).catch((error: unknown) => {
      // A goal the scripted model cannot play, or a task already done: said on the goal field.
      if (error instanceof AppError && error.code.endsWith(":goal")) throw new FieldError({ goal: error.message });
      throw error;
    });
    return { runId: run.id };
  });
}

const runInput = z.object({ runId: z.uuid(), reason: z.string().trim().max(2000).optional() });

export async function cancelRunAction(input: z.input<typeof runInput>): Promise<ActionResult> {
  return attempt(async () => {
    const actor = await signedInActor();
    const data = parseActionInput(runInput, input);
    await authorizeRun(actor, data.runId);
    await requestCancel({ db: getDb(), runId: data.runId, reason: data.reason, actor, ip: actor.ip });
    return {};
  });
}

export async function mergeRunAction(input: z.input<typeof runInput>): Promise<ActionResult> {
  return attempt(async () => {
    const actor = await signedInActor();
    const { runId } = parseActionInput(runInput, input);
    await authorizeRun(actor, runId);
    await requestMerge({ db: getDb(), runId, actor, ip: actor.ip });
    return {};
  });
}

const notificationsInput = z.object({
  runIds: z.array(z.uuid()).min(1).max(100).optional(),
  noticeIds: z.array(z.uuid()).min(1).max(100).optional(),
});

/** Marks the bell's notifications read for the signed-in person: some runs or team notices, or all. */
export async function markNotificationsReadAction(
  input: z.input<typeof notificationsInput> = {},
): Promise<ActionResult<{ marked: number }>> {
  return attempt(async () => {
    const actor = await signedInActor();
    const { runIds, noticeIds } = parseActionInput(notificationsInput, input);
    const all = !runIds && !noticeIds;
    const db = getDb();
    const runs =
      runIds || all
        ? await markNotificationsRead({ db, userId: actor.userId, teamIds: visibleTeamIds(actor), runIds })
        : 0;
    // Team notices are for the team's admins.
    const adminTeamIds = actor.memberships.filter((m) => m.role === "admin").map((m) => m.teamId);
    const notices =
      noticeIds || all ? await markTeamNoticesRead({ db, userId: actor.userId, teamIds: adminTeamIds, noticeIds }) : 0;
    return { marked: runs + notices };
  });
}
