// Typed application errors, turned into one JSON shape: { error: { code, message } }.
// The code is "<kind>:<subject>", e.g. "forbidden:project"; the kind decides the status.

const statusByKind = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorKind = keyof typeof statusByKind;
export type ErrorCode = `${ErrorKind}:${string}`;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
  ) {
    super(message ?? code);
    this.name = "AppError";
    this.status = statusByKind[code.split(":")[0] as ErrorKind];
  }
}

export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    return Response.json({ error: { code: error.code, message: error.message } }, { status: error.status });
  }
  return Response.json({ error: { code: "internal:server", message: "Something went wrong" } }, { status: 500 });
}
