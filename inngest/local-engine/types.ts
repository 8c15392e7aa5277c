// Records the engine keeps, shared by the store, the scheduler and the op handlers.

export type SerializedError = { name: string; message: string; stack?: string } & Record<string, unknown>;

/** An event as the SDK receives it (`event`, `events`, waitForEvent results). */
export type InngestEvent = {
  id: string;
  name: string;
  data: Record<string, unknown>;
  ts: number;
  user?: Record<string, unknown>;
  v?: string;
};

/** Memoized state of one step, keyed by its hashed id in a run. */
export type StepResult = { data: unknown } | { error: SerializedError };

export type RunStatus = "Running" | "Completed" | "Failed" | "Cancelled";

/** A concurrency group a run belongs to: at most `limit` of its calls execute at once. */
export type ConcurrencySlot = { key: string; limit: number };

export type RunRecord = {
  runId: string;
  appId: string;
  fnId: string;
  /** Internal id of the event that started the run. */
  eventId: string;
  event: InngestEvent;
  status: RunStatus;
  steps: Record<string, StepResult>;
  /** Hashed step ids in the order they completed (ctx.stack.stack). */
  stack: string[];
  /** Hashed ids of reported steps not resolved yet; discovery resumes once it is empty. */
  pending: string[];
  /** Set when the pending steps race (group.parallel race mode): any result resumes. */
  race: boolean;
  disableImmediate: boolean;
  maxAttempts: number;
  concurrency: ConcurrencySlot[];
  /** The run and step waiting for this run's result, when it was started by step.invoke. */
  parent: { runId: string; stepId: string } | null;
  output: unknown;
  error: SerializedError | null;
  startedAt: number;
  endedAt: number | null;
};

export type JobKind = "event" | "call" | "sleep" | "wait-timeout" | "invoke-timeout" | "debounce";

/** A unit of durable work: due at `dueAt`, deleted in the transaction that applies it. */
export type JobRecord = {
  id: number;
  kind: JobKind;
  runId: string | null;
  /** For calls: "step" (discover) or the hashed id of the step to run. */
  stepId: string | null;
  attempt: number;
  dueAt: number;
  payload: Record<string, unknown>;
};

export type NewJob = Omit<JobRecord, "id" | "attempt" | "payload"> & {
  attempt?: number;
  payload?: Record<string, unknown>;
};

export type WaitRecord = {
  runId: string;
  stepId: string;
  eventName: string;
  expression: string | null;
  expiresAt: number;
};

export type EventRecord = {
  internalId: string;
  name: string;
  payload: InngestEvent;
  receivedAt: number;
};
