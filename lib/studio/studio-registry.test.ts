import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

// A session ended through another app instance: "studio.stop" reaches the instance whose
// registry holds it, which stops the dev server and removes the workspace from its own data
// dir. Without DATABASE_URL the command channel is this process, as on the embedded database.

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-studio-registry-"));
let m: {
  studioRegistry: typeof import("./studio-registry").studioRegistry;
  instanceCommands: typeof import("@/lib/instances/instance-commands").instanceCommands;
};

beforeAll(async () => {
  process.env.MERGELINE_DATA_DIR = dataDir;
  m = {
    ...(await import("./studio-registry")),
    ...(await import("@/lib/instances/instance-commands")),
  };
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("studio sessions stopped through the command channel", () => {
  it("stops the session's dev server and removes its workspace; other sessions keep running", async () => {
    const stopped: string[] = [];
    const session = (id: string) => {
      const workspacePath = path.join(dataDir, "workspaces", `studio-${id}`);
      fs.mkdirSync(workspacePath, { recursive: true });
      fs.writeFileSync(path.join(workspacePath, "index.html"), "<h1>hi</h1>");
      return {
        id,
        projectId: "project-1",
        port: 4100,
        workspacePath,
        stop: async (reason: string) => void stopped.push(`${id}: ${reason}`),
        restart: async () => {},
        log: () => "",
        running: () => !stopped.some((line) => line.startsWith(`${id}:`)),
      };
    };
    const ended = session("ended");
    const other = session("other");
    m.studioRegistry.add(ended);
    m.studioRegistry.add(other);

    await m.instanceCommands.send("studio.stop", "ended", { reason: "Stopped by a person." });
    await expect.poll(() => fs.existsSync(ended.workspacePath)).toBe(false);
    expect(stopped).toEqual(["ended: Stopped by a person."]);
    expect(m.studioRegistry.get("ended")).toBeUndefined();
    expect(m.studioRegistry.get("other")).toBe(other);
    expect(fs.existsSync(other.workspacePath)).toBe(true);

    // A stop for a session this instance does not run changes nothing here.
    await m.instanceCommands.send("studio.stop", "elsewhere", { reason: "Stopped by a person." });
    await pause(20);
    expect(stopped).toHaveLength(1);
  });
});
