"use server";
import { headers } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db";
import { teamRole } from "@/db/schema";
import { parseActionInput } from "@/lib/api/parse-action-input";
import { userIdField } from "@/lib/api/schemas/member";
import { type ActionResult, runAction } from "@/lib/platform/run-action";
import { can } from "@/lib/auth/actor";
import { getSessionActor, type UserActor } from "@/lib/auth/get-session-actor";
import { requestIp } from "@/lib/auth/request-ip";
import { AppError } from "@/lib/platform/errors";
import { changeMemberRole, invitationUrl, inviteMember, removeMember, revokeInvitation } from "@/lib/teams";

// Thin wrappers over lib/teams for the members page. Each checks the session and the admin
// role itself: a server action is a POST that any page can send.

async function teamAdmin(teamId: string): Promise<UserActor> {
  const actor = await getSessionActor(await requestIp());
  if (!actor) throw new AppError("unauthorized:session", "Your session has ended; sign in again");
  if (!can(actor, teamId, "admin")) throw new AppError("forbidden:member", "Only team admins can manage members");
  return actor;
}

async function requestOrigin(): Promise<string> {
  const list = await headers();
  const host = list.get("x-forwarded-host") ?? list.get("host") ?? "localhost";
  return `${list.get("x-forwarded-proto") ?? "http"}://${host}`;
}

const role = z.enum(teamRole.enumValues);
const inviteInput = z.object({ teamId: z.uuid(), email: z.email("Enter an email address").max(320), role });

export async function inviteMemberAction(input: z.input<typeof inviteInput>): Promise<ActionResult<{ url: string }>> {
  return runAction(async () => {
    const data = parseActionInput(inviteInput, input);
    const actor = await teamAdmin(data.teamId);
    const { token } = await inviteMember({
      db: getDb(),
      actor,
      ip: actor.ip,
      teamId: data.teamId,
      email: data.email,
      role: data.role,
    });
    return { url: invitationUrl({ token, origin: await requestOrigin() }) };
  });
}

const memberInput = z.object({ teamId: z.uuid(), userId: userIdField });

export async function changeMemberRoleAction(
  input: z.input<typeof memberInput> & { role: string },
): Promise<ActionResult> {
  return runAction(async () => {
    const data = parseActionInput(memberInput.extend({ role }), input);
    const actor = await teamAdmin(data.teamId);
    await changeMemberRole({
      db: getDb(),
      actor,
      ip: actor.ip,
      teamId: data.teamId,
      userId: data.userId,
      role: data.role,
    });
    return {};
  });
}

export async function removeMemberAction(input: z.input<typeof memberInput>): Promise<ActionResult> {
  return runAction(async () => {
    const data = parseActionInput(memberInput, input);
    const actor = await teamAdmin(data.teamId);
    await removeMember({ db: getDb(), actor, ip: actor.ip, teamId: data.teamId, userId: data.userId });
    return {};
  });
}

const invitationInput = z.object({ teamId: z.uuid(), id: z.uuid() });

export async function revokeInvitationAction(input: z.input<typeof invitationInput>): Promise<ActionResult> {
  return runAction(async () => {
    const data = parseActionInput(invitationInput, input);
    const actor = await teamAdmin(data.teamId);
    await revokeInvitation({ db: getDb(), actor, ip: actor.ip, teamId: data.teamId, id: data.id });
    return {};
  });
}
