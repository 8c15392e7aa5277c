import type { FunctionConfig } from "./function-config";
import type { SqlExecutor, SqlRow } from "./sql-client";
import type { EventRecord, InngestEvent, JobKind, JobRecord, NewJob, RunRecord, RunStatus, WaitRecord } from "./types";

export type AppRecord = {
  appId: string;
  url: string;
  sdk: string | null;
  functions: FunctionConfig[];
  syncedAt: number;
};

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
// postgres.js returns bigint columns as strings, PGlite as numbers.
const num = (value: unknown) => Number(value);
const numOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));

function toRun(row: SqlRow): RunRecord {
  return {
    runId: row.run_id as string,
    appId: row.app_id as string,
    fnId: row.fn_id as string,
    eventId: row.event_id as string,
    event: row.event as InngestEvent,
    status: row.status as RunStatus,
    steps: row.steps as RunRecord["steps"],
    stack: row.stack as string[],
    pending: row.pending as string[],
    race: Boolean(row.race),
    disableImmediate: Boolean(row.disable_immediate),
    maxAttempts: num(row.max_attempts),
    concurrency: row.concurrency as RunRecord["concurrency"],
    parent: (row.parent as RunRecord["parent"]) ?? null,
    output: row.output ?? null,
    error: (row.error as RunRecord["error"]) ?? null,
    startedAt: num(row.started_at),
    endedAt: numOrNull(row.ended_at),
  };
}

function toJob(row: SqlRow): JobRecord {
  return {
    id: num(row.id),
    kind: row.kind as JobKind,
    runId: (row.run_id as string | null) ?? null,
    stepId: (row.step_id as string | null) ?? null,
    attempt: num(row.attempt),
    dueAt: num(row.due_at),
    payload: (row.payload as Record<string, unknown>) ?? {},
  };
}

const toWait = (row: SqlRow): WaitRecord => ({
  runId: row.run_id as string,
  stepId: row.step_id as string,
  eventName: row.event_name as string,
  expression: (row.expression as string | null) ?? null,
  expiresAt: num(row.expires_at),
});

const RUN_COLUMNS =
  "run_id, app_id, fn_id, event_id, event, status, steps, stack, pending, race, disable_immediate, max_attempts, concurrency, parent, output, error, started_at, ended_at";

/** Every query the engine makes, over a connection or inside a transaction. */
export function createStoreQueries(db: SqlExecutor) {
  return {
    async listApps(): Promise<AppRecord[]> {
      const rows = await db.query("select * from inngest_engine.apps order by app_id");
      return rows.map((row) => ({
        appId: row.app_id as string,
        url: row.url as string,
        sdk: (row.sdk as string | null) ?? null,
        functions: row.functions as FunctionConfig[],
        syncedAt: num(row.synced_at),
      }));
    },
    async saveApp(app: AppRecord): Promise<void> {
      await db.query(
        `insert into inngest_engine.apps (app_id, url, sdk, functions, synced_at) values ($1, $2, $3, $4::text::jsonb, $5)
         on conflict (app_id) do update set url = excluded.url, sdk = excluded.sdk, functions = excluded.functions, synced_at = excluded.synced_at`,
        [app.appId, app.url, app.sdk, json(app.functions), app.syncedAt],
      );
    },

    async insertEvent(record: EventRecord, idempotencyKey: string | null): Promise<void> {
      await db.query(
        "insert into inngest_engine.events (internal_id, name, payload, idempotency_key, received_at) values ($1, $2, $3::text::jsonb, $4, $5)",
        [record.internalId, record.name, json(record.payload), idempotencyKey, record.receivedAt],
      );
    },
    async getEvent(internalId: string): Promise<EventRecord | null> {
      const [row] = await db.query("select * from inngest_engine.events where internal_id = $1", [internalId]);
      if (!row) return null;
      return {
        internalId,
        name: row.name as string,
        payload: row.payload as InngestEvent,
        receivedAt: num(row.received_at),
      };
    },
    /** Events by name received in [since, until), oldest first (GET /v1/events). */
    async listEvents(filter: {
      name: string | null;
      since: number;
      until: number;
      limit: number;
    }): Promise<EventRecord[]> {
      const rows = await db.query(
        `select * from inngest_engine.events where ($1::text is null or name = $1) and received_at >= $2 and received_at < $3
         order by received_at, internal_id limit $4`,
        [filter.name, filter.since, filter.until, filter.limit],
      );
      return rows.map((row) => ({
        internalId: row.internal_id as string,
        name: row.name as string,
        payload: row.payload as InngestEvent,
        receivedAt: num(row.received_at),
      }));
    },
    async idempotencyKeySeen(key: string, since: number): Promise<boolean> {
      const rows = await db.query(
        "select 1 from inngest_engine.events where idempotency_key = $1 and received_at >= $2 limit 1",
        [key, since],
      );
      return rows.length > 0;
    },

    async insertRun(run: RunRecord): Promise<void> {
      await db.query(
        `insert into inngest_engine.runs (${RUN_COLUMNS}) values ($1, $2, $3, $4, $5::text::jsonb, $6, $7::text::jsonb, $8::text::jsonb,
         $9::text::jsonb, $10, $11, $12, $13::text::jsonb, $14::text::jsonb, $15::text::jsonb, $16::text::jsonb, $17, $18)`,
        [
          run.runId,
          run.appId,
          run.fnId,
          run.eventId,
          json(run.event),
          run.status,
          json(run.steps),
          json(run.stack),
          json(run.pending),
          run.race,
          run.disableImmediate,
          run.maxAttempts,
          json(run.concurrency),
          json(run.parent),
          json(run.output),
          json(run.error),
          run.startedAt,
          run.endedAt,
        ],
      );
    },
    /** Writes the mutable part of a run's state. */
    async updateRun(run: RunRecord): Promise<void> {
      await db.query(
        `update inngest_engine.runs set status = $2, steps = $3::text::jsonb, stack = $4::text::jsonb, pending = $5::text::jsonb, race = $6,
         disable_immediate = $7, output = $8::text::jsonb, error = $9::text::jsonb, ended_at = $10 where run_id = $1`,
        [
          run.runId,
          run.status,
          json(run.steps),
          json(run.stack),
          json(run.pending),
          run.race,
          run.disableImmediate,
          json(run.output),
          json(run.error),
          run.endedAt,
        ],
      );
    },
    async getRun(runId: string): Promise<RunRecord | null> {
      const [row] = await db.query(`select ${RUN_COLUMNS} from inngest_engine.runs where run_id = $1`, [runId]);
      return row ? toRun(row) : null;
    },
    async listRunsByEvent(eventId: string): Promise<RunRecord[]> {
      const rows = await db.query(
        `select ${RUN_COLUMNS} from inngest_engine.runs where event_id = $1 order by run_id`,
        [eventId],
      );
      return rows.map(toRun);
    },
    async listRunningRuns(fnIds: string[]): Promise<RunRecord[]> {
      if (fnIds.length === 0) return [];
      const rows = await db.query(
        `select ${RUN_COLUMNS} from inngest_engine.runs where status = 'Running' and fn_id = any($1::text[]) order by run_id`,
        [fnIds],
      );
      return rows.map(toRun);
    },
    async countRunsByStatus(): Promise<Record<string, number>> {
      const rows = await db.query("select status, count(*) as count from inngest_engine.runs group by status");
      return Object.fromEntries(rows.map((row) => [row.status as string, num(row.count)]));
    },

    async countQueue(): Promise<{ jobs: number; waits: number }> {
      const [row] = await db.query(
        "select (select count(*) from inngest_engine.jobs) as jobs, (select count(*) from inngest_engine.waits) as waits",
      );
      return { jobs: num(row?.jobs ?? 0), waits: num(row?.waits ?? 0) };
    },

    /** Forgets ended runs and events older than `before`; running runs are kept whatever their age. */
    async prune(before: number): Promise<{ runs: number; events: number }> {
      const runs = await db.query(
        "delete from inngest_engine.runs where status <> 'Running' and ended_at < $1 returning run_id",
        [before],
      );
      const events = await db.query("delete from inngest_engine.events where received_at < $1 returning internal_id", [
        before,
      ]);
      return { runs: runs.length, events: events.length };
    },

    async insertJob(job: NewJob): Promise<void> {
      await db.query(
        "insert into inngest_engine.jobs (kind, run_id, step_id, attempt, due_at, payload) values ($1, $2, $3, $4, $5, $6::text::jsonb)",
        [job.kind, job.runId, job.stepId, job.attempt ?? 0, Math.round(job.dueAt), json(job.payload ?? {})],
      );
    },
    /** Deletes a job, returning false when it was already gone (applied, or its run ended). */
    async takeJob(id: number): Promise<boolean> {
      const rows = await db.query("delete from inngest_engine.jobs where id = $1 returning id", [id]);
      return rows.length > 0;
    },
    /** A job, locked until the transaction ends (null when it is gone). */
    async lockJob(id: number): Promise<JobRecord | null> {
      const [row] = await db.query("select * from inngest_engine.jobs where id = $1 for update", [id]);
      return row ? toJob(row) : null;
    },
    /** The pending debounce of a group, locked until the transaction ends. */
    async lockDebounce(group: string): Promise<JobRecord | null> {
      const [row] = await db.query(
        "select * from inngest_engine.jobs where kind = 'debounce' and step_id = $1 order by id limit 1 for update",
        [group],
      );
      return row ? toJob(row) : null;
    },
    async rescheduleJob(id: number, dueAt: number, payload: Record<string, unknown>): Promise<void> {
      await db.query("update inngest_engine.jobs set due_at = $2, payload = $3::text::jsonb where id = $1", [
        id,
        Math.round(dueAt),
        json(payload),
      ]);
    },
    /**
     * Whether a call job of the run is still queued or executing, locked until the transaction
     * ends: a checkpoint holds it while it adds steps, so a cancel cannot delete it meanwhile.
     */
    async lockCallJob(id: number, runId: string): Promise<boolean> {
      const rows = await db.query(
        "select id from inngest_engine.jobs where id = $1 and run_id = $2 and kind = 'call' for update",
        [id, runId],
      );
      return rows.length > 0;
    },
    async deleteJobs(filter: { runId: string; kind?: JobKind; stepId?: string }): Promise<void> {
      await db.query(
        "delete from inngest_engine.jobs where run_id = $1 and ($2::text is null or kind = $2) and ($3::text is null or step_id = $3)",
        [filter.runId, filter.kind ?? null, filter.stepId ?? null],
      );
    },
    async hasJob(filter: { runId: string; kind: JobKind; stepId: string }): Promise<boolean> {
      const rows = await db.query(
        "select 1 from inngest_engine.jobs where run_id = $1 and kind = $2 and step_id = $3 limit 1",
        [filter.runId, filter.kind, filter.stepId],
      );
      return rows.length > 0;
    },
    /**
     * Due jobs in order, with the app and concurrency groups of their runs, skipping those
     * in flight and the calls to apps that are held (not answering).
     */
    async dueJobs(
      now: number,
      excludeIds: number[],
      limit: number,
      heldAppIds: string[] = [],
    ): Promise<Array<JobRecord & { appId: string | null; concurrency: RunRecord["concurrency"] }>> {
      const rows = await db.query(
        `select j.*, r.app_id, r.concurrency from inngest_engine.jobs j left join inngest_engine.runs r on r.run_id = j.run_id
         where j.due_at <= $1 and not (j.id = any($2::bigint[]))
           and not (j.kind = 'call' and r.app_id is not null and r.app_id = any($4::text[]))
         order by j.due_at, j.id limit $3`,
        [now, excludeIds, limit, heldAppIds],
      );
      return rows.map((row) => ({
        ...toJob(row),
        appId: (row.app_id as string | null) ?? null,
        concurrency: (row.concurrency as RunRecord["concurrency"] | null) ?? [],
      }));
    },
    async nextDueAt(after: number): Promise<number | null> {
      const [row] = await db.query("select min(due_at) as due from inngest_engine.jobs where due_at > $1", [after]);
      return numOrNull(row?.due);
    },

    async insertWait(wait: WaitRecord): Promise<void> {
      await db.query(
        "insert into inngest_engine.waits (run_id, step_id, event_name, expression, expires_at) values ($1, $2, $3, $4, $5) on conflict do nothing",
        [wait.runId, wait.stepId, wait.eventName, wait.expression, wait.expiresAt],
      );
    },
    async waitsForEvent(eventName: string): Promise<WaitRecord[]> {
      const rows = await db.query("select * from inngest_engine.waits where event_name = $1 order by seq", [eventName]);
      return rows.map(toWait);
    },
    async deleteWaits(filter: { runId: string; stepId?: string }): Promise<void> {
      await db.query("delete from inngest_engine.waits where run_id = $1 and ($2::text is null or step_id = $2)", [
        filter.runId,
        filter.stepId ?? null,
      ]);
    },
  };
}

export type StoreQueries = ReturnType<typeof createStoreQueries>;
