import { describe, expect, it } from "vitest";
import { instanceCommands } from "@/lib/instances/instance-commands";
import { abortRun, abortRunEverywhere, abortSignalForRun, releaseRun } from "@/lib/sandbox/run-aborts";

describe("run aborts", () => {
  it("aborts every command signal of a run, and only that run", () => {
    const first = abortSignalForRun("run-a");
    const second = abortSignalForRun("run-a");
    const other = abortSignalForRun("run-b");
    abortRun("run-a", "cancelled by a user");
    expect(first.aborted && second.aborted).toBe(true);
    expect(first.reason).toBe("cancelled by a user");
    expect(other.aborted).toBe(false);
    releaseRun("run-b");
  });

  it("hands out an aborted signal after the run was cancelled, even if cancelled first", () => {
    abortRun("run-c", "cancelled");
    expect(abortSignalForRun("run-c").aborted).toBe(true);
  });

  it("forgets a finished run", () => {
    const signal = abortSignalForRun("run-d");
    releaseRun("run-d");
    expect(abortSignalForRun("run-d")).not.toBe(signal);
  });

  it("aborts a run's commands when another instance sends run.abort, and sends one itself", async () => {
    const signal = abortSignalForRun("run-e");
    await instanceCommands.send("run.abort", "run-e", { reason: "Cancelled elsewhere" });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe("Cancelled elsewhere");
    const mine = abortSignalForRun("run-f");
    await abortRunEverywhere("run-f", "Cancelled here");
    expect(mine.aborted).toBe(true);
  });
});
