import fs from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { type Run, runs } from "@/db/schema";
import { listScriptedTasks } from "@/lib/ai/list-scripted-tasks";
import { createDemoRepository } from "@/lib/demo/create-demo-repository";
import { AppError } from "@/lib/platform/errors";
import { defaultProjectSettings } from "@/lib/projects/settings";
import { runGit } from "@/lib/workspaces/run-git";
import { createTestDatabase } from "@/testing/database";
import { createLocalProject, makeTempDir } from "@/testing/local-project";
import { assertPlayableGoal } from "./assert-playable-goal";
import { createRun } from "./create-run";

// What a new run on the scripted demo may ask for, checked before the run exists, on a
// real demo repository: one of its tasks, not done yet on the base branch.

let handle: DatabaseHandle;
let root: string;
beforeAll(async () => {
  handle = await createTestDatabase();
  root = await makeTempDir();
});
afterAll(async () => {
  await handle.close();
  await fs.rm(root, { recursive: true, force: true });
});

async function demoProject(model: string | null = "scripted") {
  const repository = path.join(root, `demo-${Math.random().toString(36).slice(2, 8)}`);
  await createDemoRepository(repository);
  const { project } = await createLocalProject(handle.db, repository);
  return { ...project, settings: defaultProjectSettings({ model, testCommands: ["npm test"] }) };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) =>
      error instanceof AppError ? { code: error.code, status: error.status, message: error.message } : error,
  );

describe("assertPlayableGoal", () => {
  it("lets every task of the demo through on a fresh demo", async () => {
    const project = await demoProject();
    const tasks = listScriptedTasks(project)!;
    expect(tasks.length).toBeGreaterThanOrEqual(3);
    for (const task of tasks)
      await expect(assertPlayableGoal({ db: handle.db, project, goal: task.goal, baseBranch: "main" })).resolves.toBe(
        undefined,
      );
  });

  it("refuses any other goal at once with the tasks and how to use a real model, creating no run", async () => {
    const project = await demoProject();
    const refused = await refusal(createRun({ db: handle.db, input: { project, goal: "clearCart()", source: "api" } }));
    expect(refused).toMatchObject({ code: "bad_request:goal", status: 400 });
    const message = (refused as { message: string }).message;
    expect(message).toContain('"Add removeItem"');
    expect(message).toContain("OPENAI_API_KEY");
    expect(message).toContain("project's settings");
    expect(await handle.db.select().from(runs).where(eq(runs.projectId, project.id))).toHaveLength(1);
  });

  it("lets a run that adopts a branch (a finalized studio session) through whatever its title", async () => {
    const project = await demoProject();
    await runGit(project.repository, ["branch", "studio/finalized"]);
    // Stopped before the pipeline hears of it (no engine here): the run was made, goal and all.
    let made: Run | undefined;
    const stopped = await refusal(
      createRun({
        db: handle.db,
        input: { project, goal: "Greet with hi", source: "dashboard", branch: "studio/finalized" },
        beforeStart: async (run) => {
          made = run;
          throw new Error("stop before the pipeline");
        },
      }),
    );
    expect(stopped).toEqual(new Error("stop before the pipeline"));
    expect(made).toMatchObject({ goal: "Greet with hi", branch: "studio/finalized" });
  });

  it("refuses a task already merged into the base branch, and says so; another branch or task still works", async () => {
    const project = await demoProject();
    const [removeItem, setQuantity] = listScriptedTasks(project)!;
    // What the task's merged run leaves on main.
    const cart = path.join(project.repository, "src/cart.js");
    await fs.appendFile(cart, "\nexport function removeItem(cart, sku) {\n  return cart;\n}\n");
    await runGit(project.repository, ["branch", "before"]);
    await runGit(project.repository, ["commit", "--quiet", "-am", "Merge removeItem"]);

    const refused = await refusal(
      assertPlayableGoal({ db: handle.db, project, goal: removeItem!.goal, baseBranch: "main" }),
    );
    expect(refused).toMatchObject({ code: "conflict:goal", status: 409 });
    expect((refused as { message: string }).message).toMatch(
      /^"Add removeItem" is already done on main: src\/cart\.js already has export function removeItem\(/,
    );
    await expect(
      assertPlayableGoal({ db: handle.db, project, goal: removeItem!.goal, baseBranch: "before" }),
    ).resolves.toBe(undefined);
    await expect(
      assertPlayableGoal({ db: handle.db, project, goal: setQuantity!.goal, baseBranch: "main" }),
    ).resolves.toBe(undefined);
  });

  it("holds a real model to nothing, and lets a repository it cannot read through to the pipeline", async () => {
    const real = await demoProject("openai:gpt-5.1");
    await expect(
      assertPlayableGoal({ db: handle.db, project: real, goal: "clearCart()", baseBranch: "main" }),
    ).resolves.toBe(undefined);
    const gone = { ...(await demoProject()), repository: path.join(root, "missing") };
    const [task] = listScriptedTasks(gone)!;
    await expect(
      assertPlayableGoal({ db: handle.db, project: gone, goal: task!.goal, baseBranch: "main" }),
    ).resolves.toBe(undefined);
  });
});
