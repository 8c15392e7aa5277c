import { z } from "zod";
import type { TeamMemberView } from "@/db/queries/team-members";
import { type TeamInvitation, teamRole } from "@/db/schema";
import { iso, isoDate } from "./common";

const role = z
  .enum(teamRole.enumValues)
  .describe(
    "admin: settings, secrets, members, keys, merge policy; member: start, approve, cancel, merge runs; viewer: read",
  );
const teamIdQuery = z.uuid().optional().describe("The team; optional when the caller has one team");

export const memberSchema = z.object({
  userId: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  role,
  joinedAt: isoDate,
});

export const toMember = (member: TeamMemberView): z.input<typeof memberSchema> => ({
  userId: member.userId,
  email: member.email,
  name: member.name,
  role: member.role,
  joinedAt: iso(member.joinedAt),
});

export const invitationSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role,
  createdAt: isoDate,
  expiresAt: isoDate,
});

export const toInvitation = (invitation: TeamInvitation): z.input<typeof invitationSchema> => ({
  id: invitation.id,
  email: invitation.email,
  role: invitation.role,
  createdAt: iso(invitation.createdAt),
  expiresAt: iso(invitation.expiresAt),
});

export const createdInvitationSchema = invitationSchema.extend({
  url: z.string().describe("The link that accepts the invitation; shown this once, only its hash is stored"),
});

export const teamQuery = z.object({ teamId: teamIdQuery });
// users.id is text (Auth.js's adapter fills it with a UUID); refusing anything but id
// characters keeps control characters and NULs out of the query.
export const userIdField = z
  .string()
  .regex(/^[A-Za-z0-9._:@-]{1,200}$/, "Must be a user id (letters, digits and . _ : @ -)")
  .describe("The member's user id");
export const memberParams = z.object({ userId: userIdField });
export const inviteMemberBody = z.object({ email: z.email().max(320), role, teamId: teamIdQuery }).strict();
export const changeRoleBody = z.object({ role, teamId: teamIdQuery }).strict();
