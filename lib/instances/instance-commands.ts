import { getDatabaseHandle } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import { env } from "@/lib/platform/env";
import { logger } from "@/lib/platform/logger";
import { type CommandChannel, createCommandChannel } from "./command-channel";
import type { InstanceCommand, InstanceCommandKind, InstanceCommandKinds } from "./instance-command";
import { instanceId } from "./instance-id";

const CATCH_UP_MS = 60 * 60_000;

type Handler = (command: InstanceCommand) => void | Promise<void>;
type State = { handlers: Map<string, Set<Handler>>; channel?: CommandChannel; handle?: DatabaseHandle };

// This process's end of the command channel. One per process: the custom server and Next's
// bundled route handlers load separate copies of this module, so it lives on globalThis.
const key = Symbol.for("mergeline.instanceCommands");
const holder = globalThis as typeof globalThis & { [key]?: State };
const state = (): State => (holder[key] ??= { handlers: new Map() });
const log = () => logger.child({ component: "instance-commands" });

async function deliver(command: InstanceCommand): Promise<void> {
  for (const handler of state().handlers.get(command.kind) ?? []) {
    try {
      await handler(command);
    } catch (error) {
      log().warn({ err: error, kind: command.kind, target: command.target }, "an instance command failed");
    }
  }
}

// Made on first use. Without DATABASE_URL one process owns the embedded database and the
// channel is in-process (no database is opened for it); with it, the channel follows the
// process's database handle (tests swap it).
function channel(): CommandChannel {
  const current = state();
  const handle = env.DATABASE_URL ? getDatabaseHandle() : undefined;
  if (current.channel && current.handle === handle) return current.channel;
  void current.channel?.close();
  current.handle = handle;
  current.channel = createCommandChannel({ handle, instance: instanceId(), deliver, logger: log() });
  return current.channel;
}

export const instanceCommands = {
  /** Sends a command to every instance on the database, this one included. */
  send: <K extends InstanceCommandKind>(kind: K, target: string, data: InstanceCommandKinds[K]) =>
    channel().send(kind, target, data),
  /**
   * Handles a kind of command in this process from now on, and makes sure the process
   * listens; resolves once it does (a failure to listen is logged, the next call retries).
   * The handler first gets the commands of its kind of the last hour: a run cancelled while
   * this instance was starting still counts as cancelled when one of its steps runs here.
   */
  handle: async <K extends InstanceCommandKind>(
    kind: K,
    handler: (command: InstanceCommand<K>) => void | Promise<void>,
  ): Promise<void> => {
    const handlers = state().handlers;
    const set = handlers.get(kind) ?? new Set();
    handlers.set(kind, set);
    set.add(handler as Handler);
    await instanceCommands.listen();
    try {
      for (const command of await channel().recent(kind, new Date(Date.now() - CATCH_UP_MS)))
        await handler(command as InstanceCommand<K>);
    } catch (error) {
      log().warn({ err: error, kind }, "could not catch up on instance commands");
    }
  },
  listen: async (): Promise<void> => {
    await channel()
      .start()
      .catch((error: unknown) => log().warn({ err: error }, "could not listen for instance commands"));
  },
  /** How commands travel, and whether this process listens; null before first use. */
  status: (): { kind: CommandChannel["kind"]; listening: boolean } | null => {
    const current = state().channel;
    return current ? { kind: current.kind, listening: current.listening() } : null;
  },
  close: async (): Promise<void> => {
    const current = state();
    const open = current.channel;
    current.channel = undefined;
    current.handle = undefined;
    await open?.close();
  },
};
