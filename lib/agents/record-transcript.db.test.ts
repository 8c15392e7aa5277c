import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The recorder reads the project's secrets with the process's key, like in production.
vi.hoisted(() => {
  process.env.MERGELINE_ENCRYPTION_KEY = Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString("base64");
});

const { createProject } = await import("@/db/queries/projects");
const { insertRun } = await import("@/db/queries/runs");
const { createTeam } = await import("@/db/queries/teams");
const { getAgentMessagesByRunId } = await import("@/db/queries/transcripts");
const { createTestDatabase } = await import("@/testing/database");
const { runCodingAgent } = await import("@/lib/agents/coder");
const { getModel } = await import("@/lib/ai/models");
const { proposePlan } = await import("@/lib/agents/planner");
const { buildCoderPrompt } = await import("@/lib/agents/prompts");
const { recordTranscript } = await import("@/lib/agents/record-transcript");
const { buildRepositoryOverview } = await import("@/lib/agents/repository-overview");
const { createScriptedModel } = await import("@/lib/ai/scripted/scripted-model");
const { recordingSandbox } = await import("@/testing/ai/recording-sandbox");
const { defaultProjectSettings } = await import("@/lib/projects/settings");
const { setProjectSecret } = await import("@/lib/secrets");

type Handle = Awaited<ReturnType<typeof createTestDatabase>>;
const template = path.resolve(import.meta.dirname, "../demo/template");
const settings = defaultProjectSettings({ model: "scripted", testCommands: ["npm test"] });
const config = { defaultModel: "scripted" };
let handle: Handle;
let workspace: string;
let teamId: string;

async function newRun() {
  const project = await createProject({
    db: handle.db,
    values: {
      teamId,
      provider: "local",
      repository: `/tmp/transcript-${randomBytes(4).toString("hex")}`,
      name: "p",
      settings,
    },
  });
  const run = await insertRun({
    db: handle.db,
    values: {
      projectId: project.id,
      source: "api",
      goal: "Remove an item",
      baseBranch: "main",
      budget: settings.budget,
    },
  });
  return { project, run };
}

beforeAll(async () => {
  handle = await createTestDatabase();
  teamId = (await createTeam({ db: handle.db, name: "Team", slug: "team" })).id;
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-transcript-"));
  fs.cpSync(template, workspace, { recursive: true });
});
afterAll(async () => {
  await handle.close();
  fs.rmSync(workspace, { recursive: true, force: true });
});

describe("the agent's transcript", () => {
  it("records the planner's prompt and answer as the call ends", async () => {
    const { run } = await newRun();
    const overview = await buildRepositoryOverview({ workspacePath: workspace });
    const recorder = recordTranscript({ db: handle.db, runId: run.id, purpose: "plan" });
    const { plan } = await proposePlan({
      model: getModel("plan", { settings }, { config, goal: "Remove an item" }).model,
      input: { goal: "Remove an item", overview },
      recorder,
    });

    const messages = await getAgentMessagesByRunId({ db: handle.db, runId: run.id });
    expect(messages.map((message) => [message.purpose, message.attempt, message.seq, message.role])).toEqual([
      ["plan", 0, 1, "system"],
      ["plan", 0, 2, "user"],
      ["plan", 0, 3, "assistant"],
    ]);
    expect(messages[1]!.content).toContain("Remove an item");
    expect(JSON.parse(messages[2]!.content)).toMatchObject({ summary: plan.summary });
  });

  it("records every step of a coding attempt: text, and each tool call with its result, in order", async () => {
    const { run } = await newRun();
    const prompt = await buildCoderPrompt({
      goal: "Remove an item",
      plan: { summary: "s", steps: [{ title: "t" }], files: [], acceptanceChecks: [{ description: "d" }] },
      workspacePath: workspace,
      testCommands: ["npm test"],
    });
    const recorder = recordTranscript({ db: handle.db, runId: run.id, purpose: "code", attempt: 1 });
    const result = await runCodingAgent({
      model: getModel("code", { settings }, { attempt: 1, config, goal: "Remove an item" }).model,
      workspacePath: workspace,
      sandbox: recordingSandbox(),
      prompt,
      maxSteps: 20,
      recorder,
    });
    expect(result.stopReason).toBe("finished");

    const messages = await getAgentMessagesByRunId({ db: handle.db, runId: run.id });
    expect(messages.map((message) => message.seq)).toEqual(messages.map((_, index) => index + 1));
    expect(messages.every((message) => message.purpose === "code" && message.attempt === 1)).toBe(true);
    const tools = messages.filter((message) => message.role === "tool");
    // The default script: list, read two files, three edits, run the tests.
    expect(tools.map((message) => message.toolName)).toEqual([
      "list_files",
      "read_file",
      "read_file",
      "edit_file",
      "edit_file",
      "edit_file",
      "run_command",
    ]);
    expect(tools.every((message) => message.toolOutput !== null && message.toolError === null)).toBe(true);
    expect(tools[1]).toMatchObject({ toolInput: { path: "src/cart.js" } });
    expect(tools[1]!.toolOutput).toContain("export function addItem");
    // A file's content is shown as text, not as an escaped JSON string.
    expect(tools[1]!.toolOutput).toMatch(/--- content ---\n.*\n.*export function addItem/s);
    expect(tools.at(-1)!.toolOutput).toMatch(/pass/);
    // Steps never go backwards, and the final summary is the last message.
    const steps = messages.map((message) => message.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(messages.at(-1)).toMatchObject({ role: "assistant" });
    expect(messages.at(-1)!.content).toBe(result.finalText);
  });

  it("redacts the project's secrets from prompts, text, tool inputs and results; a failed tool keeps its error", async () => {
    const { project, run } = await newRun();
    const secret = "sk-live-4f1d9a7c33e0";
    await setProjectSecret({ db: handle.db, projectId: project.id, name: "API_TOKEN", value: secret });
    fs.writeFileSync(path.join(workspace, "config.txt"), `token=${secret}\n`);
    const model = createScriptedModel({
      purpose: "code",
      script: {
        name: "leaky",
        code: [
          [
            {
              text: `I found ${secret} somewhere.`,
              toolCalls: [{ toolName: "read_file", input: { path: "config.txt" } }],
            },
            { toolCalls: [{ toolName: "write_file", input: { path: "../outside.txt", content: secret } }] },
            // Input the tool's schema refuses: the SDK reports a tool error, not a result.
            { toolCalls: [{ toolName: "read_file", input: { file: secret } }] },
            { text: "Done." },
          ],
        ],
      },
    });
    const recorder = recordTranscript({ db: handle.db, runId: run.id, purpose: "code", attempt: 2 });
    await runCodingAgent({
      model,
      workspacePath: workspace,
      sandbox: recordingSandbox(),
      prompt: { instructions: "Be careful.", prompt: `Use ${secret} nowhere.` },
      maxSteps: 5,
      recorder,
    });

    const messages = await getAgentMessagesByRunId({ db: handle.db, runId: run.id });
    expect(JSON.stringify(messages)).not.toContain(secret);
    expect(messages.find((message) => message.role === "user")!.content).toBe("Use [redacted] nowhere.");
    expect(messages.find((message) => message.toolName === "read_file")!.toolOutput).toContain("token=[redacted]");
    const refused = messages.find((message) => message.toolName === "write_file")!;
    expect(refused.toolInput).toMatchObject({ content: "[redacted]" });
    expect(JSON.parse(refused.toolOutput!)).toMatchObject({ ok: false });
    const invalid = messages.filter((message) => message.toolName === "read_file").at(-1)!;
    expect(invalid).toMatchObject({ toolOutput: null, toolInput: { file: "[redacted]" } });
    expect(invalid.toolError).toMatch(/path|input/i);
  });

  it("continues the numbering when a retried step records the same attempt again", async () => {
    const { run } = await newRun();
    for (let i = 0; i < 2; i++) {
      const recorder = recordTranscript({ db: handle.db, runId: run.id, purpose: "code", attempt: 1, redact: [] });
      recorder.prompt({ instructions: "i", prompt: `p${i}` });
      await recorder.flush();
    }
    const messages = await getAgentMessagesByRunId({ db: handle.db, runId: run.id });
    expect(messages.map((message) => [message.seq, message.content])).toEqual([
      [1, "i"],
      [2, "p0"],
      [3, "i"],
      [4, "p1"],
    ]);
  });
});
