import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCodingAgent } from "@/lib/agents/coder";
import { getModel } from "@/lib/ai/models";
import { proposePlan } from "@/lib/agents/planner";
import { buildCoderPrompt } from "@/lib/agents/prompts";
import { buildRepositoryOverview } from "@/lib/agents/repository-overview";
import { recordingSandbox } from "@/testing/ai/recording-sandbox";
import { defaultProjectSettings } from "@/lib/projects/settings";

const exec = promisify(execFile);
const template = path.resolve(import.meta.dirname, "../../demo/template");
const project = { settings: defaultProjectSettings({ model: "scripted", testCommands: ["npm test"] }) };
const config = { defaultModel: "scripted" };
let workspace: string;

beforeAll(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-demo-cart-"));
  fs.cpSync(template, workspace, { recursive: true });
});
afterAll(() => fs.rmSync(workspace, { recursive: true, force: true }));

async function nodeTest() {
  const { stdout } = await exec("node", ["--test", "--test-reporter=tap"], { cwd: workspace });
  return stdout;
}

describe("the default script on a real copy of the demo-cart template", () => {
  let plan: Awaited<ReturnType<typeof proposePlan>>["plan"];

  it("plans a change whose acceptance checks name the new test", async () => {
    const resolved = getModel("plan", project, { config });
    expect(resolved.label).toMatch(/scripted/i);
    const overview = await buildRepositoryOverview({ workspacePath: workspace });
    expect(overview.files).toContain("src/cart.js");
    ({ plan } = await proposePlan({
      model: resolved.model,
      input: { goal: "Let shoppers remove an item from the cart", overview },
    }));
    expect(plan.files).toEqual(["src/cart.js", "test/cart.test.js"]);
    expect(plan.acceptanceChecks[0]).toEqual({
      description: "Removing an item drops its line and keeps the others",
      test: "removing an item drops its line and keeps the others",
    });
  });

  it("attempt 1 adds removeItem and its test with the edit tools and leaves node --test passing", async () => {
    const before = await nodeTest();
    expect(before).toMatch(/# pass 4/);
    const sandbox = recordingSandbox();
    const prompt = await buildCoderPrompt({
      goal: "Let shoppers remove an item from the cart",
      plan,
      workspacePath: workspace,
      testCommands: ["npm test"],
    });
    const result = await runCodingAgent({
      model: getModel("code", project, { attempt: 1, config }).model,
      workspacePath: workspace,
      sandbox,
      prompt,
      maxSteps: 20,
    });

    expect(result.stopReason).toBe("finished");
    expect(result.stepsUsed).toBe(6);
    expect(result.finalText).toMatch(/removeItem/);
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(
      result.transcript
        .filter((entry) => entry.type === "tool-result")
        .every((entry) => (entry as { output: { ok: boolean } }).output.ok),
    ).toBe(true);
    const testRun = result.transcript.find((entry) => entry.type === "tool-result" && entry.toolName === "run_command");
    expect(testRun).toMatchObject({ output: { exitCode: 0 } });
    expect(sandbox.commands.map((command) => command.command)).toEqual(["npm test"]);

    expect(fs.readFileSync(path.join(workspace, "src/cart.js"), "utf8")).toMatch(
      /export function removeItem\(cart, sku\)/,
    );
    const after = await nodeTest();
    expect(after).toMatch(/# pass 5/);
    expect(after).toMatch(/# fail 0/);
    expect(after).toMatch(/ok \d+ - removing an item drops its line and keeps the others/);
  });

  it("a later attempt changes nothing and the tests still pass", async () => {
    const snapshot = () =>
      ["src/cart.js", "test/cart.test.js"].map((file) => fs.readFileSync(path.join(workspace, file), "utf8"));
    const before = snapshot();
    const prompt = await buildCoderPrompt({
      goal: "Let shoppers remove an item from the cart",
      plan,
      workspacePath: workspace,
      attempt: 2,
      failure: { command: "npm test", exitCode: 1, output: "not ok 1 - something" },
    });
    const result = await runCodingAgent({
      model: getModel("code", project, { attempt: 2, config }).model,
      workspacePath: workspace,
      sandbox: recordingSandbox(),
      prompt,
      maxSteps: 20,
    });
    expect(result.stopReason).toBe("finished");
    expect(snapshot()).toEqual(before);
    expect(await nodeTest()).toMatch(/# fail 0/);
  });
});
