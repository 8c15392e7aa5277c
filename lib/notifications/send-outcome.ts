/** What one attempt to deliver a notification found. */
export type SendOutcome = {
  ok: boolean;
  /** The receiver's HTTP status, or SMTP reply code; null when none came. */
  status: number | null;
  latencyMs: number;
  /** Why it failed, for the delivery log (never a credential). */
  error: string | null;
};
