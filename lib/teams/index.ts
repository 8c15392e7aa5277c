export { acceptInvitation } from "./accept-invitation";
export { changeMemberRole } from "./change-member-role";
export { INVITATION_TTL_MS, inviteMember } from "./invite-member";
export { invitationUrl } from "./invitation-url";
export { removeMember } from "./remove-member";
export { revokeInvitation } from "./revoke-invitation";
