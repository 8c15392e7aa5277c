import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { RunState } from "@/db/schema";
import { rowsOf } from "@/db/queries/rows-of";

/** A failed or handed-back run needs a person for this long; a plan awaiting approval, until decided. */
export const ATTENTION_DAYS = 14;
export const attentionStates = ["awaiting_approval", "needs_human", "failed"] as const satisfies readonly RunState[];

export type Notification = {
  runId: string;
  projectId: string;
  projectName: string;
  goal: string;
  state: (typeof attentionStates)[number];
  /** ISO time the run entered that state. */
  at: string;
  read: boolean;
};

const teamList = (teamIds: string[]) =>
  sql.join(
    teamIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

// Runs that need a person in projects of the teams; uses runs_attention_idx.
const attentionRuns = (userId: string, teamIds: string[], now: Date) => sql`
  select r.id, r.project_id, r.goal, r.state, coalesce(r.state_changed_at, r.created_at) as at, p.name as project_name,
    (nr.read_at is not null and nr.read_at >= coalesce(r.state_changed_at, r.created_at)) as read
  from runs r
  join projects p on p.id = r.project_id
  left join notification_reads nr on nr.run_id = r.id and nr.user_id = ${userId}
  where r.state in ('awaiting_approval', 'needs_human', 'failed')
    and (r.state = 'awaiting_approval' or r.state_changed_at >= ${new Date(now.getTime() - ATTENTION_DAYS * 86_400_000).toISOString()}::timestamptz)
    and p.team_id in (${teamList(teamIds)})`;

/**
 * The bell: how many runs that need a person the user has not read since they started
 * needing one, and the newest `limit` of them, read or not. One statement.
 */
export async function getNotifications({
  db,
  userId,
  teamIds,
  limit = 20,
  now = new Date(),
}: {
  db: Database;
  userId: string;
  teamIds: string[];
  limit?: number;
  now?: Date;
}): Promise<{ unreadCount: number; items: Notification[] }> {
  if (teamIds.length === 0) return { unreadCount: 0, items: [] };
  const [row] = rowsOf<{ unread: number; items: Notification[] | null }>(
    await db.execute(sql`
      with attention as (${attentionRuns(userId, teamIds, now)})
      select
        (select count(*) from attention where not read)::int as unread,
        (select json_agg(json_build_object('runId', a.id, 'projectId', a.project_id, 'projectName', a.project_name, 'goal', a.goal, 'state', a.state, 'at', a.at, 'read', a.read) order by a.at desc)
         from (select * from attention order by at desc limit ${limit}) a) as items`),
  );
  return { unreadCount: Number(row?.unread ?? 0), items: row?.items ?? [] };
}

/**
 * Marks notifications read for the user: the given runs, or every one that needs a person
 * now. Only runs in the user's teams' projects are touched; returns how many were marked.
 */
export async function markNotificationsRead({
  db,
  userId,
  teamIds,
  runIds,
  now = new Date(),
}: {
  db: Database;
  userId: string;
  teamIds: string[];
  runIds?: string[];
  now?: Date;
}): Promise<number> {
  if (teamIds.length === 0 || runIds?.length === 0) return 0;
  const only = runIds
    ? sql`where a.id in (${sql.join(
        runIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : sql``;
  const rows = rowsOf<{ run_id: string }>(
    await db.execute(sql`
      with attention as (${attentionRuns(userId, teamIds, now)})
      insert into notification_reads (user_id, run_id, read_at)
      select ${userId}, a.id, ${now.toISOString()}::timestamptz from attention a ${only}
      on conflict (user_id, run_id) do update set read_at = excluded.read_at
      returning run_id`),
  );
  return rows.length;
}

/**
 * Projects whose rooms the bell listens to: those of the teams, pinned and newest first, at
 * most `limit` (each id travels in the realtime token request's URL, which must stay short).
 */
export async function getNotificationProjectIds({
  db,
  teamIds,
  limit = 200,
}: {
  db: Database;
  teamIds: string[];
  limit?: number;
}): Promise<string[]> {
  if (teamIds.length === 0) return [];
  const rows = rowsOf<{ id: string }>(
    await db.execute(
      sql`select id from projects where team_id in (${teamList(teamIds)}) order by pinned desc, created_at desc limit ${limit}`,
    ),
  );
  return rows.map((row) => row.id);
}
