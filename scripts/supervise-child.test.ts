import { spawn } from "node:child_process";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { superviseChild } from "./supervise-child";

const logger = pino({ level: "silent" });
const node = (code: string) => () => spawn(process.execPath, ["-e", code], { stdio: "ignore" });

describe("superviseChild", () => {
  it("restarts a child that dies, with a new process each time", async () => {
    const pids: number[] = [];
    const supervised = superviseChild({
      name: "sleeper",
      start: node("setTimeout(() => {}, 60000)"),
      logger,
      onSpawn: (child) => pids.push(child.pid!),
      onGiveUp: () => {},
      baseDelayMs: 10,
    });
    await expect.poll(() => pids.length).toBe(1);
    supervised.current().kill("SIGKILL");
    await expect.poll(() => pids.length, { timeout: 5000 }).toBe(2);
    expect(pids[1]).not.toBe(pids[0]);
    supervised.stop();
    supervised.current().kill("SIGKILL");
  });

  it("gives up after maxRestarts quick deaths in a row, with backoff between them", async () => {
    const spawnedAt: number[] = [];
    const reason = await new Promise<string>((resolve) =>
      superviseChild({
        name: "crasher",
        start: node("process.exit(3)"),
        logger,
        onSpawn: () => spawnedAt.push(Date.now()),
        onGiveUp: resolve,
        maxRestarts: 3,
        baseDelayMs: 50,
      }),
    );
    expect(reason).toMatch(/crasher exited 4 times in a row \(last: code 3\)/);
    expect(spawnedAt).toHaveLength(4);
    const gaps = spawnedAt.slice(1).map((at, index) => at - spawnedAt[index]!);
    // 50, 100, 200 ms of backoff (plus the child's own start-up).
    expect(gaps[0]).toBeGreaterThanOrEqual(50);
    expect(gaps[2]).toBeGreaterThanOrEqual(200);
  });

  it("does not restart once stopped", async () => {
    const pids: number[] = [];
    const supervised = superviseChild({
      name: "sleeper",
      start: node("setTimeout(() => {}, 60000)"),
      logger,
      onSpawn: (child) => pids.push(child.pid!),
      onGiveUp: () => {},
      baseDelayMs: 10,
    });
    supervised.stop();
    supervised.current().kill("SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pids).toHaveLength(1);
  });
});
