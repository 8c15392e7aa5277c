import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCodingAgent } from "@/lib/agents/coder";
import { getModel } from "@/lib/ai/models";
import { recordingSandbox } from "@/testing/ai/recording-sandbox";
import { defaultProjectSettings } from "@/lib/projects/settings";
import type { Script } from "./script-schema";

const exec = promisify(execFile);
const write = (input: { path: string; content: string }) => ({ toolCalls: [{ toolName: "write_file", input }] });
const runTests = { toolCalls: [{ toolName: "run_command", input: { command: "node --test" } }] };
const script: Script = {
  name: "break then fix",
  code: [
    [write({ path: "src/a.js", content: "export const a = 0;\n" }), runTests, { text: "Done." }],
    [write({ path: "src/a.js", content: "export const a = 1;\n" }), runTests, { text: "Fixed the failing test." }],
  ],
};
let dir: string;
let workspace: string;
let scriptPath: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-attempts-"));
  workspace = path.join(dir, "repo");
  fs.mkdirSync(path.join(workspace, "test"), { recursive: true });
  fs.writeFileSync(path.join(workspace, "package.json"), JSON.stringify({ type: "module" }));
  fs.writeFileSync(
    path.join(workspace, "test", "a.test.js"),
    'import assert from "node:assert/strict";\nimport { test } from "node:test";\nimport { a } from "../src/a.js";\ntest("a works", () => assert.equal(a, 1));\n',
  );
  scriptPath = path.join(dir, "script.json");
  fs.writeFileSync(scriptPath, JSON.stringify(script));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function attempt(n: number) {
  const { model } = getModel(
    "code",
    { settings: defaultProjectSettings({ model: "scripted" }) },
    { attempt: n, config: { defaultModel: "scripted", scriptedModelPath: scriptPath } },
  );
  const result = await runCodingAgent({
    model,
    workspacePath: workspace,
    sandbox: recordingSandbox(),
    prompt: { instructions: "", prompt: "go" },
    maxSteps: 10,
  });
  const tests = await exec("node", ["--test", "--test-reporter=tap"], { cwd: workspace }).then(
    () => "pass",
    () => "fail",
  );
  const commandResult = result.transcript.find(
    (entry) => entry.type === "tool-result" && entry.toolName === "run_command",
  );
  return {
    finalText: result.finalText,
    tests,
    exitCode: (commandResult as { output: { exitCode: number } }).output.exitCode,
  };
}

describe("scripted attempts on a real workspace", () => {
  it("attempt 1 breaks the tests, attempt 2 fixes them, attempt 3 replays the fix", async () => {
    expect(await attempt(1)).toEqual({ finalText: "Done.", tests: "fail", exitCode: 1 });
    expect(await attempt(2)).toEqual({ finalText: "Fixed the failing test.", tests: "pass", exitCode: 0 });
    expect(await attempt(3)).toEqual({ finalText: "Fixed the failing test.", tests: "pass", exitCode: 0 });
  });
});
