import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getPinnedProjects } from "@/db/queries/projects";
import { createTestDatabase } from "@/testing/database";
import { runGit } from "@/lib/workspaces/run-git";
import { ensureDemoProject } from "./ensure-demo-project";

const exec = promisify(execFile);
let handle: DatabaseHandle;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-demo-"));

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("ensureDemoProject", () => {
  it("creates a pinned demo project backed by a real repository whose tests pass", async () => {
    const project = await ensureDemoProject({ db: handle.db, dataDir });
    expect(project).not.toBeNull();
    expect(project!.repository).toBe(path.join(dataDir, "repos", "demo-cart"));
    expect(project!.settings).toMatchObject({ testCommands: ["npm test"], model: "scripted" });

    expect(await runGit(project!.repository, ["rev-parse", "--abbrev-ref", "HEAD"])).toBe("main");
    expect(await runGit(project!.repository, ["status", "--porcelain"])).toBe("");
    expect(await runGit(project!.repository, ["log", "--format=%s"])).toBe("Initial commit of the demo cart");

    const { stdout } = await exec("node", ["--test", "--test-reporter=tap"], { cwd: project!.repository });
    expect(stdout).toMatch(/# pass 4/);
    expect(stdout).toMatch(/# fail 0/);

    const cards = await getPinnedProjects({ db: handle.db });
    expect(cards.map((card) => card.name)).toEqual(["demo-cart"]);
  });

  it("changes nothing on later starts", async () => {
    expect(await ensureDemoProject({ db: handle.db, dataDir })).toBeNull();
    expect(await getPinnedProjects({ db: handle.db })).toHaveLength(1);
  });
});
