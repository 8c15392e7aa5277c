import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateText, isStepCount, streamText, tool } from "ai";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { getModel } from "@/lib/ai/models";
import { proposePlan } from "@/lib/agents/planner";
import { defaultProjectSettings } from "@/lib/projects/settings";
import { loadScripts } from "./load-scripts";
import type { Script } from "./script-schema";
import { createScriptedModel } from "./scripted-model";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-script-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const script: Script = {
  name: "two attempts",
  price: { inputPerMillion: 1, outputPerMillion: 2 },
  plan: [
    {
      object: {
        summary: "Fix the bug",
        steps: [{ title: "Change it", detail: null }],
        files: ["./src/a.js", "src/a.js"],
        acceptanceChecks: [{ description: "It works", test: "a works" }],
      },
      usage: { inputTokens: 100, outputTokens: 20 },
    },
  ],
  code: [
    [
      {
        toolCalls: [{ toolName: "note", input: { text: "break the tests" } }],
        usage: { inputTokens: 10, outputTokens: 1 },
      },
      { text: "attempt 1 done" },
    ],
    [
      { toolCalls: [{ toolName: "note", input: { text: "fix the tests" } }] },
      { text: "attempt 2 done", usage: { inputTokens: 5, outputTokens: 5 } },
    ],
  ],
};

async function playCode(attempt: number) {
  const notes: string[] = [];
  const result = await generateText({
    model: createScriptedModel({ script, purpose: "code", attempt }),
    prompt: "go",
    tools: {
      note: tool({
        inputSchema: z.object({ text: z.string() }),
        execute: async ({ text }) => (notes.push(text), "noted"),
      }),
    },
    stopWhen: isStepCount(10),
  });
  return { notes, text: result.text, steps: result.steps.length, usage: result.usage };
}

describe("scripted model", () => {
  it("plays a structured plan that the planner validates and normalises", async () => {
    const model = createScriptedModel({ script, purpose: "plan" });
    const overview = { files: ["src/a.js"], totalFiles: 1, truncated: false, readme: null, packageScripts: null };
    const { plan, usage } = await proposePlan({ model, input: { goal: "Fix it", overview } });
    expect(plan).toEqual({
      summary: "Fix the bug",
      steps: [{ title: "Change it" }],
      files: ["src/a.js"],
      acceptanceChecks: [{ description: "It works", test: "a works" }],
    });
    expect(usage).toEqual({ inputTokens: 100, outputTokens: 20 });
  });

  it("plays each coding attempt's turns, tool calls included, and repeats the last attempt", async () => {
    expect(await playCode(1)).toMatchObject({ notes: ["break the tests"], text: "attempt 1 done", steps: 2 });
    expect(await playCode(2)).toMatchObject({ notes: ["fix the tests"], text: "attempt 2 done", steps: 2 });
    expect(await playCode(3)).toMatchObject({ notes: ["fix the tests"], text: "attempt 2 done" });
    // Deterministic: the same attempt plays the same way every time.
    expect(await playCode(1)).toEqual(await playCode(1));
  });

  it("reports scripted usage, or an estimate when the turn gives none", async () => {
    const { usage } = await playCode(2);
    expect(usage.outputTokens).toBeGreaterThan(5);
    expect(usage.inputTokens).toBeGreaterThan(5);
    const first = await playCode(1);
    expect(first.usage.inputTokens).toBeGreaterThan(10);
  });

  it("stops with a note when the script runs out of turns", async () => {
    const model = createScriptedModel({ script: { name: "short", judge: [{ text: "one" }] }, purpose: "judge" });
    expect((await generateText({ model, prompt: "a" })).text).toBe("one");
    expect((await generateText({ model, prompt: "b" })).text).toMatch(/no more turns/);
  });

  it("streams too", async () => {
    const model = createScriptedModel({ script: { name: "s", judge: [{ text: "streamed text" }] }, purpose: "judge" });
    const result = streamText({ model, prompt: "x" });
    expect(await result.text).toBe("streamed text");
  });

  it("refuses a purpose the script does not cover", () => {
    expect(() =>
      createScriptedModel({ script: { name: "plan only", plan: [{ text: "x" }] }, purpose: "code" }),
    ).toThrow(/no "code" attempts/);
  });
});

describe("script files", () => {
  it("loads a script file named by the config and reports mistakes with their path", () => {
    const good = path.join(dir, "good.json");
    fs.writeFileSync(good, JSON.stringify(script));
    const project = { settings: defaultProjectSettings({ model: "scripted" }) };
    const resolved = getModel("code", project, {
      attempt: 2,
      config: { defaultModel: "openai:gpt-4o", scriptedModelPath: good },
    });
    expect(resolved).toMatchObject({
      id: "scripted",
      scripted: true,
      label: "Scripted model (two attempts)",
      price: { inputPerMillion: 1, outputPerMillion: 2, known: true },
    });

    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(bad, JSON.stringify({ name: "bad", code: [[{ toolCalls: [{ input: {} }] }], []] }));
    expect(() => loadScripts(bad)).toThrow(/bad\.json is invalid/);
    expect(() => loadScripts(bad)).toThrow(/at code\[0\]\[0\]\.toolCalls\[0\]\.toolName/);
    expect(() => loadScripts(bad)).toThrow(/at code\[1\]/);
    fs.writeFileSync(bad, "{ not json");
    expect(() => loadScripts(bad)).toThrow(/not valid JSON/);
    expect(() => loadScripts(path.join(dir, "missing.json"))).toThrow(/does not exist/);
  });

  it("ships the demo's tasks, each a valid script with a plan and later attempts", () => {
    const { scripts, source } = loadScripts();
    expect(source).toBe("demo-tasks");
    for (const shipped of scripts) {
      expect(shipped.task).toBeDefined();
      expect(shipped.plan).toHaveLength(1);
      expect(shipped.code!.length).toBeGreaterThanOrEqual(2);
    }
  });

  it("reads a catalogue file, where every script must name its task, and plays only its tasks", () => {
    const task = { title: "Fix the bug", goal: "Fix the bug in a", explanation: "Changes a.", match: ["\\bbug\\b"] };
    const catalogue = path.join(dir, "catalogue.json");
    fs.writeFileSync(catalogue, JSON.stringify([{ ...script, task }]));
    const project = { settings: defaultProjectSettings({ model: "scripted" }) };
    const config = { defaultModel: "scripted", scriptedModelPath: catalogue };
    expect(getModel("plan", project, { config, goal: "There is a BUG in a" }).label).toBe(
      "Scripted model (two attempts)",
    );
    expect(() => getModel("plan", project, { config, goal: "Add a feature" })).toThrow(/"Fix the bug"/);

    fs.writeFileSync(catalogue, JSON.stringify([script]));
    expect(() => loadScripts(catalogue)).toThrow(/at \[0\]\.task/);
    fs.writeFileSync(catalogue, JSON.stringify([{ ...script, task: { ...task, match: ["(unclosed"] } }]));
    expect(() => loadScripts(catalogue)).toThrow(/not a valid regular expression/);
  });
});
