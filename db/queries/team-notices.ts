import { and, desc, eq, gte, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type TeamNotice, teamNotices, teamNoticeReads, teams } from "@/db/schema";

/** Writes a notice once per source key; undefined when it existed already. */
export async function insertTeamNotice({
  db,
  values,
}: {
  db: Database;
  values: typeof teamNotices.$inferInsert;
}): Promise<TeamNotice | undefined> {
  const [row] = await db.insert(teamNotices).values(values).onConflictDoNothing().returning();
  return row;
}

/** Marks the notices read for the user (only those of `teamIds`); returns how many. */
export async function markTeamNoticesRead({
  db,
  userId,
  teamIds,
  noticeIds,
  now = new Date(),
}: {
  db: Database;
  userId: string;
  teamIds: string[];
  noticeIds?: string[];
  now?: Date;
}): Promise<number> {
  if (teamIds.length === 0 || noticeIds?.length === 0) return 0;
  const notices = await db
    .select({ id: teamNotices.id })
    .from(teamNotices)
    .where(and(inArray(teamNotices.teamId, teamIds), ...(noticeIds ? [inArray(teamNotices.id, noticeIds)] : [])));
  if (notices.length === 0) return 0;
  const rows = await db
    .insert(teamNoticeReads)
    .values(notices.map((notice) => ({ userId, noticeId: notice.id, readAt: now })))
    .onConflictDoNothing()
    .returning({ id: teamNoticeReads.noticeId });
  return rows.length;
}

/** A notice as the bell shows it. */
export type TeamNoticeItem = { id: string; teamName: string; title: string; href: string; at: string; read: boolean };

/** Notices stay in the bell this long. */
export const NOTICE_DAYS = 30;

/** The bell's team notices for an admin of `teamIds`: unread count and the newest `limit`. */
export async function getTeamNoticesForUser({
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
}): Promise<{ unreadCount: number; items: TeamNoticeItem[] }> {
  if (teamIds.length === 0) return { unreadCount: 0, items: [] };
  const rows = await db
    .select({
      id: teamNotices.id,
      teamName: teams.name,
      title: teamNotices.title,
      href: teamNotices.href,
      at: teamNotices.createdAt,
      read: sql<boolean>`${teamNoticeReads.noticeId} is not null`,
      unread: sql<number>`(count(*) filter (where ${teamNoticeReads.noticeId} is null) over ())::int`,
    })
    .from(teamNotices)
    .innerJoin(teams, eq(teams.id, teamNotices.teamId))
    .leftJoin(teamNoticeReads, and(eq(teamNoticeReads.noticeId, teamNotices.id), eq(teamNoticeReads.userId, userId)))
    .where(
      and(
        inArray(teamNotices.teamId, teamIds),
        gte(teamNotices.createdAt, new Date(now.getTime() - NOTICE_DAYS * 86_400_000)),
      ),
    )
    .orderBy(desc(teamNotices.createdAt))
    .limit(limit);
  return {
    unreadCount: rows[0]?.unread ?? 0,
    items: rows.map(({ unread: _unread, at, ...row }) => ({ ...row, at: at.toISOString() })),
  };
}
