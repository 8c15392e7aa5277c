import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { count } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./client";
import { DataDirOwnedError } from "./data-dir-lock";
import { teams } from "./schema";

// PGlite itself gives no error when two processes open one directory, and rows are then
// lost silently. These tests use real processes on a real data directory.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-owner-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

class Holder {
  private lines: AsyncIterator<string>;
  constructor(readonly child: ChildProcessWithoutNullStreams) {
    this.lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  }
  static async start(dataDir: string) {
    const child = spawn(process.execPath, ["--import", "tsx", path.resolve("testing/hold-database.ts"), dataDir]);
    child.stderr.pipe(process.stderr);
    const holder = new Holder(child);
    expect(await holder.next()).toBe(`ready ${child.pid}`);
    return holder;
  }
  async next(): Promise<string> {
    const { value, done } = await this.lines.next();
    if (done) throw new Error("holder process ended");
    return value;
  }
  async send(command: string): Promise<string> {
    this.child.stdin.write(`${command}\n`);
    return this.next();
  }
}

async function countTeams(): Promise<number> {
  const handle = openDatabase({ dataDir: dir });
  try {
    const [row] = await handle.db.select({ n: count() }).from(teams);
    return row!.n;
  } finally {
    await handle.close();
  }
}

describe("an embedded database has exactly one owner", () => {
  it("refuses a second process while the first keeps writing, and loses no row", async () => {
    const first = await Holder.start(dir);
    expect(await first.send("insert 40")).toBe("inserted 40");

    expect(() => openDatabase({ dataDir: dir })).toThrowError(DataDirOwnedError);
    expect(() => openDatabase({ dataDir: dir })).toThrowError(new RegExp(`process ${first.child.pid}`));

    expect(await first.send("insert 40")).toBe("inserted 80");
    expect(await first.send("count")).toBe("count 80");
    expect(await first.send("close")).toBe("closed");
    expect(await countTeams()).toBe(80);
  });

  it("is taken over after its owner is killed, with every committed row", async () => {
    const owner = await Holder.start(dir);
    expect(await owner.send("insert 20")).toBe("inserted 20");
    await new Promise((resolve) => (owner.child.once("exit", resolve), owner.child.kill("SIGKILL")));
    expect(await countTeams()).toBe(100);
  });
});
