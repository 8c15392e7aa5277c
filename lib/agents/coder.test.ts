import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { MockLanguageModelV4 } from "ai/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CodingAgentError, runCodingAgent } from "./coder";
import type { Script } from "@/lib/ai/scripted/script-schema";
import { createScriptedModel } from "@/lib/ai/scripted/scripted-model";
import { recordingSandbox } from "@/testing/ai/recording-sandbox";

let workspace: string;
const prompt = { instructions: "Be brief.", prompt: "Do the task." };

beforeAll(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-coder-"));
  fs.writeFileSync(path.join(workspace, "big.txt"), "x".repeat(50_000));
  fs.writeFileSync(path.join(workspace, "secret.txt"), "token=sk-live-123456\n");
});
afterAll(() => fs.rmSync(workspace, { recursive: true, force: true }));

const codeModel = (turns: NonNullable<Script["code"]>[number]) =>
  createScriptedModel({ script: { name: "test", code: [turns] }, purpose: "code" });
const listForever = Array.from({ length: 10 }, () => ({
  toolCalls: [{ toolName: "list_files", input: {} }],
  usage: { inputTokens: 100, outputTokens: 10 },
}));

describe("runCodingAgent", () => {
  it("stops at maxSteps and sums the usage of every model call", async () => {
    const result = await runCodingAgent({
      model: codeModel(listForever),
      workspacePath: workspace,
      sandbox: recordingSandbox(),
      prompt,
      maxSteps: 3,
    });
    expect(result).toMatchObject({
      stopReason: "max-steps",
      stepsUsed: 3,
      finalText: "",
      usage: { inputTokens: 300, outputTokens: 30 },
    });
    expect(result.transcript.filter((entry) => entry.type === "tool-call")).toHaveLength(3);
  });

  it("stops when aborted while the model is thinking, keeping what was spent", async () => {
    const controller = new AbortController();
    const model = codeModel([listForever[0]!, { text: "slow", delayMs: 30_000 }]);
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    const result = await runCodingAgent({
      model,
      workspacePath: workspace,
      sandbox: recordingSandbox(),
      prompt,
      maxSteps: 10,
      signal: controller.signal,
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result).toMatchObject({
      stopReason: "aborted",
      stepsUsed: 1,
      usage: { inputTokens: 100, outputTokens: 10 },
    });
  });

  it("stops when aborted during a command, killing it", async () => {
    const controller = new AbortController();
    const sandbox = recordingSandbox();
    const model = codeModel([
      { toolCalls: [{ toolName: "run_command", input: { command: "sleep 30" } }] },
      ...listForever,
    ]);
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    const result = await runCodingAgent({
      model,
      workspacePath: workspace,
      sandbox,
      prompt,
      maxSteps: 10,
      signal: controller.signal,
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.stopReason).toBe("aborted");
    expect(sandbox.commands[0]!.signal).toBe(controller.signal);
  });

  it("finishes when the model answers without tools", async () => {
    const model = codeModel([
      { toolCalls: [{ toolName: "read_file", input: { path: "big.txt" } }] },
      { text: "All done." },
    ]);
    const result = await runCodingAgent({
      model,
      workspacePath: workspace,
      sandbox: recordingSandbox(),
      prompt,
      maxSteps: 10,
    });
    expect(result).toMatchObject({ stopReason: "finished", stepsUsed: 2, finalText: "All done." });
  });

  it("keeps a JSON-serialisable transcript with long results trimmed and secrets redacted", async () => {
    const model = codeModel([
      {
        toolCalls: [
          { toolName: "read_file", input: { path: "big.txt" } },
          { toolName: "read_file", input: { path: "secret.txt" } },
          { toolName: "read_file", input: { path: "../etc/passwd" } },
        ],
      },
      { text: "The token is sk-live-123456." },
    ]);
    const result = await runCodingAgent({
      model,
      workspacePath: workspace,
      sandbox: recordingSandbox(),
      prompt,
      maxSteps: 5,
      redact: ["sk-live-123456"],
    });
    const transcript = JSON.parse(JSON.stringify(result.transcript)) as typeof result.transcript;
    expect(transcript).toEqual(result.transcript);
    expect(transcript[0]).toEqual({ type: "prompt", instructions: "Be brief.", prompt: "Do the task." });
    const outputs = transcript
      .filter((entry) => entry.type === "tool-result")
      .map((entry) => (entry as { output: { content?: string; ok: boolean } }).output);
    expect(outputs[0]!.content!.length).toBeLessThan(2200);
    expect(outputs[0]!.content).toMatch(/characters cut/);
    expect(outputs[1]!.content).toBe("token=[redacted]");
    // A refused path comes back to the model as a result, not an exception.
    expect(outputs[2]).toMatchObject({ ok: false, error: expect.stringMatching(/escapes the workspace/) });
    expect(JSON.stringify(transcript)).not.toContain("sk-live-123456");
    expect(result.finalText).toBe("The token is [redacted].");
  });

  it("wraps a model failure with the usage spent before it", async () => {
    let calls = 0;
    const model = new MockLanguageModelV4({
      doGenerate: async () => {
        if (calls++ > 0) throw new Error("provider down");
        return {
          content: [{ type: "tool-call", toolCallId: "c1", toolName: "list_files", input: "{}" }],
          finishReason: { unified: "tool-calls", raw: "tool_calls" },
          usage: {
            inputTokens: { total: 7, noCache: 7, cacheRead: undefined, cacheWrite: undefined },
            outputTokens: { total: 3, text: 3, reasoning: undefined },
          },
          warnings: [],
        };
      },
    });
    const error = await runCodingAgent({
      model,
      workspacePath: workspace,
      sandbox: recordingSandbox(),
      prompt,
      maxSteps: 5,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CodingAgentError);
    expect((error as CodingAgentError).partial).toMatchObject({
      stepsUsed: 1,
      usage: { inputTokens: 7, outputTokens: 3 },
    });
    expect((error as CodingAgentError).message).toMatch(/provider down/);
  });
});
