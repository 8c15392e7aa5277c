import { and, asc, eq, gt, lt, max, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type InstanceCommandRow, instanceCommands } from "@/db/schema";

// The command channel between app instances (lib/instances/command-channel.ts): a row per
// command, announced on one NOTIFY channel with its id; listeners read the rows after the
// last one they saw, so a notification missed while disconnected is caught up on.

export const INSTANCE_COMMANDS_CHANNEL = "mergeline_instance_commands";

/** Stores a command and notifies every listening instance (NOTIFY is sent at commit). */
export async function insertInstanceCommand({
  db,
  kind,
  target,
  data,
  sender,
}: {
  db: Database;
  kind: string;
  target: string;
  data: Record<string, unknown>;
  sender: string;
}): Promise<InstanceCommandRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(instanceCommands).values({ kind, target, data, sender }).returning();
    await tx.execute(sql`select pg_notify(${INSTANCE_COMMANDS_CHANNEL}, ${String(row!.id)})`);
    return row!;
  });
}

/** Commands after `afterId`, oldest first. */
export async function getInstanceCommandsAfter({
  db,
  afterId,
  limit = 500,
}: {
  db: Database;
  afterId: number;
  limit?: number;
}): Promise<InstanceCommandRow[]> {
  return db
    .select()
    .from(instanceCommands)
    .where(gt(instanceCommands.id, afterId))
    .orderBy(asc(instanceCommands.id))
    .limit(limit);
}

/** The id of the newest command (0 when there is none): where a new listener starts. */
export async function getLatestInstanceCommandId({ db }: { db: Database }): Promise<number> {
  const [row] = await db.select({ id: max(instanceCommands.id) }).from(instanceCommands);
  return Number(row?.id ?? 0);
}

/** Commands of a kind sent since a time, oldest first (a new handler catches up on them). */
export async function getInstanceCommandsOfKindSince({
  db,
  kind,
  since,
}: {
  db: Database;
  kind: string;
  since: Date;
}): Promise<InstanceCommandRow[]> {
  return db
    .select()
    .from(instanceCommands)
    .where(and(eq(instanceCommands.kind, kind), gt(instanceCommands.sentAt, since)))
    .orderBy(asc(instanceCommands.id));
}

export async function deleteInstanceCommandsSentBefore({
  db,
  before,
}: {
  db: Database;
  before: Date;
}): Promise<number> {
  const deleted = await db
    .delete(instanceCommands)
    .where(lt(instanceCommands.sentAt, before))
    .returning({ id: instanceCommands.id });
  return deleted.length;
}
