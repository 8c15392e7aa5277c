import fs from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { nextBuildStage } from "./next-build-stage";
import { problemOfLogLine } from "./problem-of-log-line";
import { readyBlock } from "./ready-block";
import { createTerminal } from "./terminal";

// What a person reads during `npm start`, into a pipe or a file (no terminal): the phases
// of a first start whose build takes nine minutes, as a first start took on a loaded
// 2-core machine, fed with the lines a real `next build` printed then
// (testing/fixtures/next-build/turbopack-output.txt, stdout then stderr).

const fixture = fs
  .readFileSync(path.resolve(import.meta.dirname, "../../testing/fixtures/next-build/turbopack-output.txt"), "utf8")
  .split("\n");

function sink() {
  const text: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text.push(String(chunk));
      done();
    },
  });
  return { stream, lines: () => text.join("").split("\n").slice(0, -1) };
}

beforeEach(() => vi.useFakeTimers({ now: new Date("2026-12-07T03:00:00Z") }));
afterEach(() => vi.useRealTimers());

describe("the launcher's output", () => {
  it("finds next build's steps among everything it prints", () => {
    const stages = fixture.map(nextBuildStage).filter(Boolean);
    expect(stages).toEqual([
      "compiling",
      "compiled in 7.0min",
      "checking types",
      "collecting page data",
      "generating pages (0 of 18)",
      "generating pages (4 of 18)",
      "generating pages (8 of 18)",
      "generating pages (13 of 18)",
      "generating pages (18 of 18)",
      "finalizing",
    ]);
    expect(fixture.length).toBeGreaterThan(400);
  });

  it("tells a whole first start, a nine-minute build included, in under 60 lines ending with the sign-in block", () => {
    const out = sink();
    const terminal = createTerminal({ out: out.stream, tty: false, color: false });
    terminal.line("  Mergeline 0.1.0 · Node.js 24.22.3 · data in .data");
    terminal.phase("Install", "checking").done("Node.js 24.22.3, 63 packages as package.json pins them");

    const build = terminal.phase("Build", "first build: compiling");
    // The fixture's lines over the build's nine minutes: the compile is most of it.
    const secondsAt = (stage: string) =>
      stage === "compiling" ? 0 : stage.startsWith("compiled") ? 420 : stage.startsWith("checking") ? 421 : 500;
    let clock = 0;
    for (const line of fixture) {
      const stage = nextBuildStage(line);
      if (!stage) continue;
      vi.advanceTimersByTime(Math.max(0, secondsAt(stage) * 1000 - clock));
      clock = Math.max(clock, secondsAt(stage) * 1000);
      build.update(stage);
    }
    vi.advanceTimersByTime(40_000);
    build.done("built in 9 min 00 s · log: .data/logs/build.log");

    const database = terminal.phase("Database", "migrating the embedded database");
    vi.advanceTimersByTime(5_000);
    database.done("embedded PGlite in .data/db migrated in 5.0 s");
    terminal.phase("Demo", "").done("project demo-cart created, a git repository in .data/repos/demo-cart");
    const processes = terminal.phase(
      "Processes",
      "starting the app (Next.js), the realtime sidecar and the Inngest engine",
    );
    vi.advanceTimersByTime(25_000);
    processes.update("the app answers; waiting for the Inngest engine");
    vi.advanceTimersByTime(3_000);
    processes.done("app, realtime sidecar and Inngest engine up in 28.0 s");
    const link = `http://127.0.0.1:3000/signin/one-time?token=${"T".repeat(43)}`;
    for (const line of readyBlock({
      terminal,
      url: "http://127.0.0.1:3000",
      signIn: { kind: "link", email: "admin@mergeline.local", link, expiresAt: "2026-12-08T03:10:00Z" },
      logFile: ".data/logs/mergeline.log",
      pid: 4242,
    }))
      terminal.line(line);

    const lines = out.lines();
    expect(lines.length).toBeLessThan(60);
    // Progress every half minute of the compile, not one line per warning of the build.
    expect(lines.filter((line) => line.includes("compiling")).length).toBeGreaterThanOrEqual(10);
    expect(lines.some((line) => line.includes("Dynamic filesystem access"))).toBe(false);
    const ready = lines.findIndex((line) => line.includes("Mergeline is ready at http://127.0.0.1:3000"));
    expect(ready).toBeGreaterThan(0);
    expect(lines.slice(ready).join("\n")).toContain(`Sign in   ${link}`);
    expect(lines.slice(ready).join("\n")).toContain(
      "as admin@mergeline.local: works once, until Dec 8, 2026, 3:10 AM UTC",
    );
    expect(lines.slice(ready).join("\n")).toMatch(/Logs {6}\.data\/logs\/mergeline\.log/);
    expect(lines.slice(ready).join("\n")).toMatch(/Stop {6}Ctrl-C here, or kill -TERM 4242/);
  });

  it("prints a quick phase once, with its outcome", () => {
    const out = sink();
    createTerminal({ out: out.stream, tty: false, color: false }).phase("Build", "").done("up to date");
    expect(out.lines()).toEqual(["  ✓ Build       up to date"]);
  });

  it("shows a process's errors and crashes, and keeps its other lines for the log", () => {
    const pino = (level: number, extra: object) => JSON.stringify({ level, time: 1, pid: 1, ...extra });
    expect(problemOfLogLine(pino(30, { msg: "app listening" }), "stdout")).toBeNull();
    expect(problemOfLogLine(pino(40, { msg: "request errored" }), "stdout")).toBeNull();
    expect(
      problemOfLogLine(pino(60, { msg: "app failed to start", reason: "Cannot reach the database" }), "stdout"),
    ).toBe("app failed to start: Cannot reach the database");
    expect(problemOfLogLine(pino(50, { msg: "boom", err: { message: "ENOSPC" } }), "stdout")).toBe("boom: ENOSPC");
    expect(problemOfLogLine("TypeError: x is not a function", "stderr")).toBe("TypeError: x is not a function");
    expect(problemOfLogLine("▲ Next.js 16.4.6", "stdout")).toBeNull();
  });
});
