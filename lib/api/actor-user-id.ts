import type { Actor } from "@/lib/auth/actor";

/** The user behind a request, for columns that reference users (createdBy, authorId); null for API keys. */
export const actorUserId = (actor: Actor): string | null => (actor.kind === "user" ? actor.userId : null);
