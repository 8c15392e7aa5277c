import type { SqlClient } from "./sql-client";

// The engine's own tables, in a schema of their own so they can share the app's Postgres.
// Times are epoch milliseconds (bigint). Idempotent: applied on every start.
const SCHEMA_VERSION = 1;

const DDL = `
create schema if not exists inngest_engine;
create table if not exists inngest_engine.meta (key text primary key, value text not null);
create table if not exists inngest_engine.apps (
  app_id text primary key,
  url text not null,
  sdk text,
  functions jsonb not null,
  synced_at bigint not null
);
create table if not exists inngest_engine.events (
  internal_id text primary key,
  name text not null,
  payload jsonb not null,
  idempotency_key text,
  received_at bigint not null
);
create index if not exists events_idempotency_idx on inngest_engine.events (idempotency_key, received_at)
  where idempotency_key is not null;
create table if not exists inngest_engine.runs (
  run_id text primary key,
  app_id text not null,
  fn_id text not null,
  event_id text not null,
  event jsonb not null,
  status text not null,
  steps jsonb not null,
  stack jsonb not null,
  pending jsonb not null,
  race boolean not null default false,
  disable_immediate boolean not null default false,
  max_attempts integer not null,
  concurrency jsonb not null,
  parent jsonb,
  output jsonb,
  error jsonb,
  started_at bigint not null,
  ended_at bigint
);
create index if not exists runs_event_idx on inngest_engine.runs (event_id);
create index if not exists runs_fn_status_idx on inngest_engine.runs (fn_id, status);
create table if not exists inngest_engine.jobs (
  id bigint generated always as identity primary key,
  kind text not null,
  run_id text,
  step_id text,
  attempt integer not null default 0,
  due_at bigint not null,
  payload jsonb not null
);
create index if not exists jobs_due_idx on inngest_engine.jobs (due_at, id);
create index if not exists jobs_run_idx on inngest_engine.jobs (run_id);
create table if not exists inngest_engine.waits (
  seq bigint generated always as identity,
  run_id text not null,
  step_id text not null,
  event_name text not null,
  expression text,
  expires_at bigint not null,
  primary key (run_id, step_id)
);
create index if not exists waits_event_idx on inngest_engine.waits (event_name, seq);
`;

export async function migrateEngineSchema(client: SqlClient): Promise<void> {
  await client.exec(DDL);
  const [row] = await client.query<{ value: string }>(
    "select value from inngest_engine.meta where key = 'schema_version'",
  );
  const version = row ? Number(row.value) : null;
  if (version !== null && version > SCHEMA_VERSION) {
    throw new Error(
      `The inngest_engine schema is at version ${version}, newer than this engine (${SCHEMA_VERSION}): upgrade the engine.`,
    );
  }
  await client.query(
    "insert into inngest_engine.meta (key, value) values ('schema_version', $1) on conflict (key) do update set value = excluded.value",
    [String(SCHEMA_VERSION)],
  );
}
