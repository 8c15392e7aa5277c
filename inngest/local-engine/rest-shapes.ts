import type { EventRecord, RunRecord } from "./types";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A run as Inngest's REST API shows it (GET /v1/runs/:id, /v1/events/:id/runs). */
export function runShape(run: RunRecord) {
  return {
    run_id: run.runId,
    function_id: run.fnId,
    app_id: run.appId,
    event_id: run.eventId,
    status: run.status,
    output: run.output,
    error: run.error,
    run_started_at: iso(run.startedAt),
    ended_at: iso(run.endedAt),
  };
}

export function eventShape(record: EventRecord) {
  return {
    internal_id: record.internalId,
    id: record.payload.id,
    name: record.name,
    data: record.payload.data,
    user: record.payload.user ?? null,
    ts: record.payload.ts,
    received_at: iso(record.receivedAt),
  };
}
