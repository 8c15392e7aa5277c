import type { Project } from "@/db/schema";
import { can, type Permission } from "@/lib/auth/actor";
import { getSessionActor, type UserActor } from "@/lib/auth/get-session-actor";
import { requestIp } from "@/lib/auth/request-ip";
import { AppError } from "@/lib/platform/errors";

// Shared by the dashboard's server action files: who is asking and what they may touch.
// The { ok } / { error } answer itself is lib/platform/run-action.ts.
export {
  FieldError,
  fieldErrorsOf,
  runAction as attempt,
  type ActionResult,
  type FieldErrors,
} from "@/lib/platform/run-action";

export async function signedInActor(): Promise<UserActor> {
  // With the address, so the audit log says where a change came from.
  const actor = await getSessionActor(await requestIp());
  if (!actor) throw new AppError("unauthorized:session", "Your session has ended; sign in again");
  return actor;
}

/** The project, when the person may do `permission` on it; another team's project is "not found". */
export function authorizedProject(
  actor: UserActor,
  project: Project | undefined,
  permission: Exclude<Permission, "read">,
  what: "project" | "run" = "project",
): Project {
  if (!project || !can(actor, project, "read"))
    throw new AppError(`not_found:${what}`, what === "run" ? "Run not found" : "Project not found");
  if (!can(actor, project, permission)) {
    throw new AppError(
      "forbidden:project",
      permission === "admin" ? "Only a team admin can change this" : "Your role in this team only allows viewing",
    );
  }
  return project;
}
