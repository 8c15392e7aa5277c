import type { Logger } from "pino";
import type { DatabaseHandle } from "@/db/client";
import {
  deleteInstanceCommandsSentBefore,
  getInstanceCommandsAfter,
  getInstanceCommandsOfKindSince,
  getLatestInstanceCommandId,
  INSTANCE_COMMANDS_CHANNEL,
  insertInstanceCommand,
} from "@/db/queries/instance-commands";
import type { InstanceCommandRow } from "@/db/schema";
import type { InstanceCommand, InstanceCommandKind, InstanceCommandKinds } from "./instance-command";

export type CommandChannel = {
  /** "postgres": every instance on the database; "in-process": one process owns the embedded database. */
  kind: "postgres" | "in-process";
  /** Delivers the command to every instance, this one included. */
  send: <K extends InstanceCommandKind>(kind: K, target: string, data: InstanceCommandKinds[K]) => Promise<void>;
  /** Starts listening (Postgres); resolves once it listens. Idempotent; a failed start may be retried. */
  start: () => Promise<void>;
  /** Commands of a kind sent since a time (none in-process: its sender already acted on them). */
  recent: (kind: InstanceCommandKind, since: Date) => Promise<InstanceCommand[]>;
  /** Whether it listens (always true in-process). */
  listening: () => boolean;
  close: () => Promise<void>;
};

const KEEP_MS = 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 60 * 60_000;

const commandOf = (row: InstanceCommandRow): InstanceCommand => ({
  kind: row.kind as InstanceCommandKind,
  target: row.target,
  data: row.data as InstanceCommandKinds[InstanceCommandKind],
  sender: row.sender,
  sentAt: row.sentAt,
});

/**
 * The command channel between app instances. On Postgres: a row per command and a NOTIFY
 * carrying its id (LISTEN/NOTIFY, one connection per instance); the listener reads the rows
 * after the last one it saw, on every notification and on every reconnect, so nothing sent
 * while its connection was down is lost. On the embedded database one process owns
 * everything (LISTEN/NOTIFY does not work across PGlite socket connections), so commands go
 * straight to this process's handlers.
 */
export function createCommandChannel({
  handle,
  instance,
  deliver,
  logger,
}: {
  /** The database; none (or PGlite) makes the in-process channel. */
  handle?: DatabaseHandle;
  instance: string;
  /** Hands a command to this process's handlers; never throws. */
  deliver: (command: InstanceCommand) => Promise<void>;
  logger: Logger;
}): CommandChannel {
  if (handle?.kind !== "postgres" || !handle.listen) {
    return {
      kind: "in-process",
      send: async (kind, target, data) => deliver({ kind, target, data, sender: instance, sentAt: new Date() }),
      start: async () => {},
      recent: async () => [],
      listening: () => true,
      close: async () => {},
    };
  }

  const listen = handle.listen;
  const { db } = handle;
  let lastId = 0;
  let listening: { unlisten: () => Promise<void> } | null = null;
  let starting: Promise<void> | null = null;
  let closed = false;
  let lastPrune = 0;
  // One read at a time; a notification during one asks for another after it.
  let reading: Promise<void> | null = null;
  let again = false;

  const readOnce = async () => {
    for (;;) {
      const rows = await getInstanceCommandsAfter({ db, afterId: lastId });
      for (const row of rows) {
        lastId = row.id;
        await deliver(commandOf(row));
      }
      if (rows.length === 0) break;
    }
    if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
      lastPrune = Date.now();
      await deleteInstanceCommandsSentBefore({ db, before: new Date(Date.now() - KEEP_MS) });
    }
  };
  const read = (): Promise<void> => {
    if (closed) return Promise.resolve();
    if (reading) {
      again = true;
      return reading;
    }
    reading = (async () => {
      do {
        again = false;
        await readOnce().catch((error: unknown) => logger.warn({ err: error }, "could not read instance commands"));
      } while (again && !closed);
    })().finally(() => {
      reading = null;
    });
    return reading;
  };

  return {
    kind: "postgres",
    send: async (kind, target, data) => {
      await insertInstanceCommand({ db, kind, target, data, sender: instance });
    },
    start: () => {
      starting ??= (async () => {
        lastId = await getLatestInstanceCommandId({ db });
        let connects = 0;
        // postgres.js reconnects a lost LISTEN connection and calls this again: read what
        // was sent meanwhile.
        listening = await listen(
          INSTANCE_COMMANDS_CHANNEL,
          () => void read(),
          () => {
            if (connects++ > 0) logger.info({ instance }, "instance command channel listening again");
            void read();
          },
        );
      })().catch((error: unknown) => {
        starting = null;
        throw error;
      });
      return starting;
    },
    recent: async (kind, since) => (await getInstanceCommandsOfKindSince({ db, kind, since })).map(commandOf),
    listening: () => listening !== null && !closed,
    close: async () => {
      closed = true;
      await listening?.unlisten().catch(() => {});
      await reading;
    },
  };
}
