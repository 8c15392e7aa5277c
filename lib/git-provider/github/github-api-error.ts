import { AppError } from "@/lib/platform/errors";

/** An Octokit RequestError, as far as this code reads it. */
export type ApiFailure = { status: number; message: string; response?: { data?: unknown } };

export function isApiFailure(error: unknown): error is ApiFailure {
  return typeof error === "object" && error !== null && typeof (error as { status?: unknown }).status === "number";
}

export function isStatus(error: unknown, ...statuses: number[]): boolean {
  return isApiFailure(error) && statuses.includes(error.status);
}

/** GitHub's own words for a refusal: the response's message, else the error's. */
export function apiReason(error: unknown): string {
  if (!isApiFailure(error)) return error instanceof Error ? error.message : String(error);
  const data = error.response?.data as { message?: unknown } | undefined;
  return typeof data?.message === "string" ? data.message : error.message;
}

/** Turns GitHub errors a caller can act on into AppErrors; others pass through. */
export function toAppError(error: unknown, subject: string): unknown {
  if (!isApiFailure(error)) return error;
  const reason = apiReason(error);
  if (error.status === 404) return new AppError(`not_found:${subject}`, `GitHub: ${reason}`);
  if (error.status === 401 || error.status === 403)
    return new AppError(`forbidden:${subject}`, `GitHub refused: ${reason}`);
  if (error.status === 409 || error.status === 422) return new AppError(`conflict:${subject}`, `GitHub: ${reason}`);
  return error;
}
