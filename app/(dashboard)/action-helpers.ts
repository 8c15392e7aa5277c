import { z } from "zod";
import type { Project } from "@/db/schema";
import { can, type Permission } from "@/lib/auth/actor";
import { getSessionActor, type UserActor } from "@/lib/auth/get-session-actor";
import { requestIp } from "@/lib/auth/request-ip";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

// Shared by the dashboard's server action files: answer { ok } or { error } (with the
// fields at fault, when known) so forms can show the message where it belongs.

export type FieldErrors = Record<string, string>;
export type ActionResult<T extends object = object> = ({ ok: true } & T) | { ok: false; error: string; fieldErrors?: FieldErrors };

/** A zod error as one message per field path ("budget.maxAttempts"). */
export function fieldErrorsOf(error: z.ZodError, prefix: (string | number)[] = []): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) errors[[...prefix, ...issue.path].map(String).join(".") || "input"] ??= issue.message;
  return errors;
}

export class FieldError extends Error {
  constructor(readonly fieldErrors: FieldErrors) {
    super(Object.entries(fieldErrors).map(([field, message]) => `${field}: ${message}`).join("; "));
  }
}

export async function attempt<T extends object>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, ...(await work()) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.message };
    if (error instanceof FieldError) return { ok: false, error: "Some fields need a fix", fieldErrors: error.fieldErrors };
    if (error instanceof z.ZodError) {
      const fieldErrors = fieldErrorsOf(error);
      return { ok: false, error: Object.entries(fieldErrors).map(([field, message]) => `${field}: ${message}`).join("; "), fieldErrors };
    }
    logger.error({ err: error }, "server action failed");
    return { ok: false, error: "Something went wrong; nothing was changed" };
  }
}

export async function signedInActor(): Promise<UserActor> {
  // With the address, so the audit log says where a change came from.
  const actor = await getSessionActor(await requestIp());
  if (!actor) throw new AppError("unauthorized:session", "Your session has ended; sign in again");
  return actor;
}

/** The project, when the person may do `permission` on it; another team's project is "not found". */
export function authorizedProject(actor: UserActor, project: Project | undefined, permission: Exclude<Permission, "read">, what: "project" | "run" = "project"): Project {
  if (!project || !can(actor, project.teamId, "read")) throw new AppError(`not_found:${what}`, what === "run" ? "Run not found" : "Project not found");
  if (!can(actor, project.teamId, permission)) {
    throw new AppError("forbidden:project", permission === "admin" ? "Only a team admin can change this" : "Your role in this team only allows viewing");
  }
  return project;
}
