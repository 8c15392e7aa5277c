import { describe, expect, it } from "vitest";
import { instanceCommands } from "@/lib/instances/instance-commands";
import { previewRegistry } from "./preview-registry";

// A "preview.stop" command from another instance stops this process's previews of the run
// that existed when it was sent, except the one it spares; a preview started after it (a
// command caught up on after a reconnect) keeps running. Without DATABASE_URL the channel
// is this process, as on the embedded database.

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("previews stopped through the command channel", () => {
  it("stops the run's previews that existed when the command was sent, and no others", async () => {
    const stopped: string[] = [];
    const preview = (id: string, runId: string, startedAt: Date) => ({
      id,
      runId,
      startedAt,
      stop: async (reason: string) => {
        stopped.push(`${id}: ${reason}`);
        previewRegistry.remove(id);
      },
    });
    const before = new Date(Date.now() - 1000);
    previewRegistry.add(preview("old", "run-1", before));
    previewRegistry.add(preview("spared", "run-1", before));
    previewRegistry.add(preview("other-run", "run-2", before));
    previewRegistry.add(preview("newer", "run-1", new Date(Date.now() + 60_000)));
    await instanceCommands.send("preview.stop", "run-1", {
      reason: "The pull request was closed.",
      exceptId: "spared",
    });
    await pause(10);
    expect(stopped).toEqual(["old: The pull request was closed."]);
    expect(
      previewRegistry
        .forRun("run-1")
        .map((live) => live.id)
        .sort(),
    ).toEqual(["newer", "spared"]);
  });
});
