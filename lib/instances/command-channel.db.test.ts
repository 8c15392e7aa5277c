import { sql } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "@/db/client";
import { createTestDatabase } from "@/testing/database";
import { type CommandChannel, createCommandChannel } from "./command-channel";
import type { InstanceCommand } from "./instance-command";

// The command channel between app instances: on Postgres two instances (two connections
// pools, as two processes have) each hear what either sends, right after it commits, and
// one whose listening connection was cut catches up on what was sent meanwhile. On the
// embedded database the channel is this process.

const logger = pino({ level: "silent" });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(read: () => T, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; await pause(10)) {
    const value = read();
    if (ok(value) || Date.now() > deadline) return value;
  }
}

type Instance = { channel: CommandChannel; heard: InstanceCommand[]; handle: DatabaseHandle };

let handle: DatabaseHandle;
const instances: Instance[] = [];

function instance(name: string, over: DatabaseHandle): Instance {
  const heard: InstanceCommand[] = [];
  const channel = createCommandChannel({
    handle: over,
    instance: name,
    deliver: async (command) => void heard.push(command),
    logger,
  });
  const made = { channel, heard, handle: over };
  instances.push(made);
  return made;
}

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  for (const { channel, handle: own } of instances) {
    await channel.close();
    if (own !== handle) await own.close();
  }
  await handle.close();
});

describe.runIf(Boolean(process.env.DATABASE_URL))("the command channel on Postgres", () => {
  let a: Instance;
  let b: Instance;
  beforeAll(async () => {
    a = instance("a", handle);
    // A second instance: a connection pool of its own on the same database.
    b = instance("b", openDatabase({ url: handle.url!, max: 2 }));
    await Promise.all([a.channel.start(), b.channel.start()]);
  });

  it("delivers a command to every instance, the sender included, with who sent it and when", async () => {
    expect(a.channel.kind).toBe("postgres");
    await a.channel.send("run.abort", "run-1", { reason: "Cancelled by a person" });
    await until(
      () => b.heard.length + a.heard.length,
      (count) => count >= 2,
    );
    for (const { heard } of [a, b]) {
      expect(heard).toEqual([
        {
          kind: "run.abort",
          target: "run-1",
          data: { reason: "Cancelled by a person" },
          sender: "a",
          sentAt: expect.any(Date),
        },
      ]);
    }
    expect(b.channel.listening()).toBe(true);
  });

  it("keeps commands in the order they were sent", async () => {
    for (let index = 0; index < 20; index++) await b.channel.send("preview.stop", `run-${index}`, { reason: "stop" });
    const heard = await until(
      () => a.heard.filter((command) => command.kind === "preview.stop"),
      (commands) => commands.length >= 20,
    );
    expect(heard.map((command) => command.target)).toEqual(Array.from({ length: 20 }, (_, index) => `run-${index}`));
  });

  it("catches up on what was sent while its listening connection was cut", async () => {
    const before = b.heard.length;
    // The server ends b's LISTEN connection; postgres.js reconnects it. Only this file's
    // database: other files on the same server (the realtime sidecars) listen too.
    await handle.db.execute(
      sql`select pg_terminate_backend(pid) from pg_stat_activity
          where query ilike 'listen%' and datname = current_database() and pid <> pg_backend_pid()`,
    );
    await a.channel.send("run.abort", "run-while-away", { reason: "sent while b reconnects" });
    const heard = await until(
      () => b.heard.slice(before).map((command) => command.target),
      (targets) => targets.includes("run-while-away"),
    );
    expect(heard.filter((target) => target === "run-while-away")).toHaveLength(1);
  });

  it("lists the recent commands of a kind, for a handler that starts late", async () => {
    const late = instance("late", openDatabase({ url: handle.url!, max: 1 }));
    const recent = await late.channel.recent("run.abort", new Date(Date.now() - 60_000));
    expect(recent.map((command) => command.target)).toEqual(["run-1", "run-while-away"]);
  });
});

describe.runIf(!process.env.DATABASE_URL)("the command channel on the embedded database", () => {
  it("is this process: a command reaches its handlers at once, and nothing is stored", async () => {
    const only = instance("only", handle);
    expect(only.channel.kind).toBe("in-process");
    await only.channel.send("run.abort", "run-1", { reason: "Cancelled" });
    expect(only.heard).toMatchObject([{ kind: "run.abort", target: "run-1", sender: "only" }]);
    expect(await only.channel.recent("run.abort", new Date(0))).toEqual([]);
  });
});
