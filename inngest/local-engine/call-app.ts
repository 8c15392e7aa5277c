import { parseRetryAfter } from "./backoff";
import { canonicalJson } from "./canonical-json";
import type { EngineKeys } from "./engine-keys";
import { type PostAnswer, postJson } from "./post-json";
import type { JobRecord, RunRecord, SerializedError } from "./types";

/** One op of a 206 response (SDK spec 5.1.1). */
export type Op = {
  id: string;
  op: string;
  name?: string;
  displayName?: string;
  opts?: Record<string, unknown>;
  data?: unknown;
  error?: unknown;
};

export type CallOutcome =
  | { kind: "completed"; output: unknown }
  | { kind: "ops"; ops: Op[]; retryAfterMs: number | null }
  | { kind: "error"; error: SerializedError; noRetry: boolean; retryAfterMs: number | null }
  /** No answer at all (refused, reset, timed out before a response): the app is down, not the function. */
  | { kind: "unreachable"; error: SerializedError };

/** The SDK's error shape from anything: the spec's { name, message, stack? }. */
export function toSerializedError(value: unknown, fallbackMessage: string): SerializedError {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const message =
      typeof record.message === "string"
        ? record.message
        : typeof record.error === "string"
          ? record.error
          : fallbackMessage;
    return { ...record, name: typeof record.name === "string" && record.name ? record.name : "Error", message };
  }
  return { name: "Error", message: typeof value === "string" && value ? value : fallbackMessage };
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = "code" in error && typeof error.code === "string" ? error.code : "";
  return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isOp(value: unknown): value is Op {
  return (
    Boolean(value) &&
    typeof value === "object" &&
    typeof (value as Op).id === "string" &&
    typeof (value as Op).op === "string"
  );
}

export type CallAppInput = {
  url: string;
  run: RunRecord;
  job: JobRecord;
  /** This call's identity, `<job id>:<token>`, given to the SDK to checkpoint with. */
  callId: string;
  now: number;
  timeoutMs: number;
  signal: AbortSignal;
  /** Signs the request (X-Inngest-Signature) when the engine has a signing key. */
  keys?: EngineKeys | null;
};

/**
 * One Call Request (SDK spec 4.4): POST the run's memoized state to the function's URL and
 * read the answer as completion (200), ops (206) or an error (the rest, or no answer).
 */
export async function callApp({
  url,
  run,
  job,
  callId,
  now,
  timeoutMs,
  signal,
  keys,
}: CallAppInput): Promise<CallOutcome> {
  const body = {
    event: run.event,
    events: [run.event],
    steps: run.steps,
    version: 2,
    ctx: {
      run_id: run.runId,
      // With fn_id and qi_id the SDK checkpoints (checkpoint.ts): it runs the steps it finds one
      // after another in this call, posting each result; the qi_id names this call.
      fn_id: run.fnId,
      qi_id: callId,
      attempt: job.attempt,
      max_attempts: run.maxAttempts,
      disable_immediate_execution: run.disableImmediate,
      use_api: false,
      stack: { stack: run.stack, current: run.stack.length },
    },
  };
  // The SDK checks the signature over the canonical form of the body it parsed: send that form.
  const payload = canonicalJson(body);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-inngest-server-kind": keys ? "cloud" : "dev",
    "x-inngest-req-version": "2",
    "user-agent": "mergeline-local-inngest-engine",
  };
  // Wall time, not the engine's clock: the SDK refuses signatures more than 5 minutes off.
  if (keys) headers["x-inngest-signature"] = keys.sign(payload, Date.now());
  const callError = (error: unknown) => ({
    name: "CallError",
    message: `Could not call the app at ${url}: ${describeError(error)}`,
  });
  const timeout = AbortSignal.timeout(timeoutMs);
  let response: PostAnswer;
  try {
    response = await postJson(url, { headers, body: payload, signal: AbortSignal.any([signal, timeout]) });
  } catch (error) {
    return {
      kind: "unreachable",
      error: callError(timeout.aborted ? new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`) : error),
    };
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    // The app answered, then the connection broke: an attempt like any failed one.
    return { kind: "error", error: callError(error), noRetry: false, retryAfterMs: null };
  }

  const parsed = parseJson(text);
  const retryAfterMs = parseRetryAfter(response.header("retry-after"), now);
  if (response.status === 200)
    return { kind: "completed", output: parsed === undefined ? (text === "" ? null : text) : parsed };
  if (response.status === 206) {
    const ops = Array.isArray(parsed) ? parsed : [parsed];
    if (ops.length > 0 && ops.every(isOp)) return { kind: "ops", ops, retryAfterMs };
    const error = {
      name: "ProtocolError",
      message: `The app answered 206 without a list of ops: ${text.slice(0, 200)}`,
    };
    return { kind: "error", error, noRetry: false, retryAfterMs };
  }
  return {
    kind: "error",
    error: toSerializedError(parsed ?? text, `The app answered HTTP ${response.status}`),
    noRetry: response.header("x-inngest-no-retry") === "true",
    retryAfterMs,
  };
}
