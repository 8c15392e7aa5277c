import type { AuditLogEntry } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";

/** Who did it: a person or API key, Mergeline itself, or a GitHub account (from a webhook). */
export type AuditActor = Actor | { kind: "system" } | { kind: "github"; login: string };

export function auditActorColumns(actor: AuditActor): {
  actorType: AuditLogEntry["actorType"];
  actorId: string | null;
} {
  switch (actor.kind) {
    case "user":
      return { actorType: "user", actorId: actor.userId };
    case "api_key":
      return { actorType: "api_key", actorId: actor.apiKeyId };
    case "github":
      return { actorType: "github", actorId: actor.login };
    case "system":
      return { actorType: "system", actorId: null };
  }
}
