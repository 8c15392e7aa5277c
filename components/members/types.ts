import type { ActionResult } from "@/lib/platform/run-action";

export type Role = "admin" | "member" | "viewer";
export type MemberView = { userId: string; email: string | null; name: string | null; role: Role; joinedAt: string };
export type InvitationView = { id: string; email: string; role: Role; expiresAt: string };

export type MemberActions = {
  invite: (input: { teamId: string; email: string; role: Role }) => Promise<ActionResult<{ url: string }>>;
  changeRole: (input: { teamId: string; userId: string; role: string }) => Promise<ActionResult>;
  remove: (input: { teamId: string; userId: string }) => Promise<ActionResult>;
  revokeInvitation: (input: { teamId: string; id: string }) => Promise<ActionResult>;
};

export const roleDescriptions: Record<Role, string> = {
  admin: "Settings, secrets, members, keys, merge policy",
  member: "Start, approve, cancel and merge runs",
  viewer: "Read only",
};
