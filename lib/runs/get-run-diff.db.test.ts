import fs from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { parseDiff } from "react-diff-view";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getRunById } from "@/db/queries/runs";
import { type Project, type Run, runs } from "@/db/schema";
import { createTestDatabase } from "@/testing/database";
import { createLocalGitProvider } from "@/lib/git-provider/local";
import { createLocalProject, makeRepository, makeTempDir, writeFiles } from "@/testing/local-project";
import { getRunDiff } from "./get-run-diff";

// A real repository, a branch pushed through the local provider like the pipeline does.
let handle: DatabaseHandle;
let root: string;
let project: Project;
let run: Run;

beforeAll(async () => {
  handle = await createTestDatabase();
  root = await makeTempDir();
  const repo = await makeRepository(root, {
    "src/cart.js": "export function addItem(cart, item) {\n  return [...cart, item];\n}\n",
    "README.md": "# cart\n",
  });
  const created = await createLocalProject(handle.db, repo);
  project = created.project;
  run = (await getRunById({ db: handle.db, id: created.runId }))!;
});
afterAll(async () => {
  await handle.close();
  await fs.rm(root, { recursive: true, force: true });
});

const withBranch = async (branch: string) => {
  await handle.db.update(runs).set({ branch }).where(eq(runs.id, run.id));
  return (await getRunById({ db: handle.db, id: run.id }))!;
};

describe("getRunDiff", () => {
  it("says there is nothing to show before the agent pushed a branch", async () => {
    expect(await getRunDiff({ db: handle.db, run, project })).toEqual({
      status: "none",
      reason: "The agent has not pushed any code yet.",
    });
    const named = await withBranch(`mergeline/run-${run.id}`);
    expect(await getRunDiff({ db: handle.db, run: named, project })).toMatchObject({ status: "none" });
  });

  it("reads the branch's diff against its base from the repository, ready for the diff view", async () => {
    const branch = `mergeline/run-${run.id}`;
    const provider = createLocalGitProvider({ db: handle.db, dataDir: path.join(root, "data") });
    const workspace = await provider.prepareWorkspace({ project, runId: run.id, branch, baseBranch: "main" });
    await writeFiles(workspace.path, {
      "src/cart.js":
        "export function addItem(cart, item) {\n  return [...cart, item];\n}\n\nexport function removeItem(cart, sku) {\n  return cart.filter((line) => line.sku !== sku);\n}\n",
      "test/cart.test.js": "import { removeItem } from '../src/cart.js';\n",
    });
    await provider.commitAndPush({ project, workspace, message: "Add removeItem" });

    const diff = await getRunDiff({ db: handle.db, run: await withBranch(branch), project });
    expect(diff).toMatchObject({ status: "ready", truncated: false, branch, baseBranch: "main" });
    if (diff.status !== "ready") return;
    expect(diff.diff).toContain("+export function removeItem(cart, sku) {");
    const files = parseDiff(diff.diff);
    expect(files.map((file) => [file.type, file.newPath])).toEqual([
      ["modify", "src/cart.js"],
      ["add", "test/cart.test.js"],
    ]);
    expect(files[0]!.hunks[0]!.changes.filter((change) => change.type === "insert")).toHaveLength(4);

    // A cap cuts at a whole line and says so.
    const capped = await getRunDiff({ db: handle.db, run: await withBranch(branch), project, maxBytes: 200 });
    expect(capped).toMatchObject({ status: "ready", truncated: true });
    if (capped.status === "ready") {
      expect(capped.diff.length).toBeLessThanOrEqual(200);
      expect(capped.diff.endsWith("\n")).toBe(true);
    }
  });

  it("shows a clear unavailable state where the provider cannot give a diff", async () => {
    const github: Project = { ...project, provider: "github", repository: "octo/cart" };
    const diff = await getRunDiff({ db: handle.db, run: await withBranch(`mergeline/run-${run.id}`), project: github });
    expect(diff.status).toBe("unavailable");
    if (diff.status === "unavailable") expect(diff.reason).toMatch(/GitHub|diff/);
  });
});
