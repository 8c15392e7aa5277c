import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { runCodingAgent } from "@/lib/agents/coder";
import { proposePlan } from "@/lib/agents/planner";
import { buildCoderPrompt } from "@/lib/agents/prompts";
import { buildRepositoryOverview } from "@/lib/agents/repository-overview";
import { listScriptedTasks } from "@/lib/ai/list-scripted-tasks";
import { getModel } from "@/lib/ai/models";
import { defaultProjectSettings } from "@/lib/projects/settings";
import { recordingSandbox } from "@/testing/ai/recording-sandbox";
import { goalMatchesTask } from "./goal-matches-task";
import { loadScripts } from "./load-scripts";

// The demo's scripted tasks, each played for real on a copy of the demo-cart template (the
// repository a fresh start creates): the plan names the test it adds, attempt 1 makes the
// change with the agent's own tools and leaves `node --test` passing with one more test, a
// later attempt changes nothing. Then all of them one after the other on one copy, as a
// person trying every task on one demo would.

const exec = promisify(execFile);
const template = path.resolve(import.meta.dirname, "../../demo/template");
const project = { settings: defaultProjectSettings({ model: "scripted", testCommands: ["npm test"] }) };
const config = { defaultModel: "scripted" };
const tasks = listScriptedTasks(project, config)!;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function freshDemo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-demo-cart-"));
  dirs.push(dir);
  fs.cpSync(template, dir, { recursive: true });
  return dir;
}

async function nodeTest(workspace: string): Promise<string> {
  const { stdout } = await exec("node", ["--test", "--test-reporter=tap"], { cwd: workspace });
  return stdout;
}

const snapshot = (workspace: string) =>
  ["src/cart.js", "test/cart.test.js", "server.js"].map((file) => fs.readFileSync(path.join(workspace, file), "utf8"));

/** Plans and codes the task's goal in the workspace as the pipeline would; returns the plan and the agent's result. */
async function play(goal: string, workspace: string, attempt = 1) {
  const overview = await buildRepositoryOverview({ workspacePath: workspace });
  const { plan } = await proposePlan({
    model: getModel("plan", project, { config, goal }).model,
    input: { goal, overview },
  });
  const sandbox = recordingSandbox();
  const prompt = await buildCoderPrompt({ goal, plan, workspacePath: workspace, testCommands: ["npm test"], attempt });
  const result = await runCodingAgent({
    model: getModel("code", project, { attempt, config, goal }).model,
    workspacePath: workspace,
    sandbox,
    prompt,
    maxSteps: 20,
  });
  return { plan, result, commands: sandbox.commands.map((command) => command.command) };
}

/** GET / of the demo's page server, started on a free port in the workspace. */
async function cartPage(workspace: string): Promise<string> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const server = spawn(process.execPath, ["server.js"], {
    cwd: workspace,
    env: { ...process.env, PORT: String(port) },
  });
  try {
    for (let tries = 0; ; tries++) {
      try {
        return await (await fetch(`http://127.0.0.1:${port}/`)).text();
      } catch (error) {
        if (tries > 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  } finally {
    server.kill();
  }
}

describe("the demo's scripted tasks", () => {
  it("are at least three, each explained, each with a goal its own task matches and no other", () => {
    expect(tasks.length).toBeGreaterThanOrEqual(3);
    expect(loadScripts().scripts.map((script) => script.task?.title)).toEqual(tasks.map((task) => task.title));
    for (const task of tasks) {
      expect(task.explanation.length).toBeGreaterThan(40);
      expect(tasks.filter((candidate) => goalMatchesTask(candidate, task.goal))).toEqual([task]);
    }
    expect(tasks.filter((task) => goalMatchesTask(task, "clearCart()"))).toEqual([]);
    expect(tasks.filter((task) => goalMatchesTask(task, "Let shoppers remove an item from the cart"))).toHaveLength(1);
  });

  it.each(tasks.map((task) => [task.title, task] as const))(
    "%s: works on a fresh demo, attempt 1 adds its test, a later attempt changes nothing",
    async (_title, task) => {
      const workspace = freshDemo();
      expect(await nodeTest(workspace)).toMatch(/# pass 4/);
      const { plan, result, commands } = await play(task.goal, workspace);

      const namedTest = plan.acceptanceChecks.find((check) => check.test && !/existing/i.test(check.description))?.test;
      expect(namedTest).toBeTruthy();
      expect(result.stopReason).toBe("finished");
      expect(
        result.transcript
          .filter((entry) => entry.type === "tool-result")
          .every((entry) => (entry as { output: { ok: boolean } }).output.ok),
      ).toBe(true);
      expect(commands).toEqual(["npm test"]);
      expect(fs.readFileSync(path.join(workspace, task.doneWhen!.path), "utf8")).toContain(task.doneWhen!.contains);
      const after = await nodeTest(workspace);
      expect(after).toMatch(/# pass 5/);
      expect(after).toMatch(/# fail 0/);
      expect(after).toContain(`- ${namedTest}`);

      const before = snapshot(workspace);
      const later = await play(task.goal, workspace, 2);
      expect(later.result.stopReason).toBe("finished");
      expect(snapshot(workspace)).toEqual(before);
    },
  );

  it("all work one after the other on one demo, as after each one's merge", async () => {
    const workspace = freshDemo();
    for (const task of tasks) {
      const { result } = await play(task.goal, workspace);
      expect(result.stopReason).toBe("finished");
    }
    const after = await nodeTest(workspace);
    expect(after).toMatch(new RegExp(`# pass ${4 + tasks.length}`));
    expect(after).toMatch(/# fail 0/);
    expect(await cartPage(workspace)).toContain("<h1>Your cart (3 items)</h1>");
  });

  it("refuses a goal none of them plays, saying how to use a real model", () => {
    expect(() => getModel("plan", project, { config, goal: "clearCart()" })).toThrow(
      /only plays the tasks it has scripts for \("Add removeItem", "Add setQuantity", .*OPENAI_API_KEY/,
    );
    expect(() => getModel("plan", project, { config })).toThrow(/only plays the tasks/);
  });
});
