import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createProject } from "@/db/queries/projects";
import { createTeam } from "@/db/queries/teams";
import type { Project } from "@/db/schema";
import { runCodingAgent } from "@/lib/agents/coder";
import { relevantCode } from "@/lib/agents/relevant-code";
import { createScriptedModel } from "@/lib/ai/scripted/scripted-model";
import { closeAnalyzePool } from "@/lib/code-index/analyze-pool";
import { type ProjectCodeIndex, projectCodeIndex } from "@/lib/code-index/project-code-index";
import { syncCodeIndex } from "@/lib/code-index/sync-code-index";
import { createLocalGitProvider } from "@/lib/git-provider/local";
import { defaultProjectSettings } from "@/lib/projects/settings";
import { callTool } from "@/testing/ai/call-tool";
import { recordingSandbox } from "@/testing/ai/recording-sandbox";
import { createTestDatabase } from "@/testing/database";
import { makeRepository, makeTempDir } from "@/testing/local-project";
import { codingTools } from "./coding-tools";

// The coding agent's code index tools and the planner's code context, on a real index.

let handle: DatabaseHandle;
let project: Project;
let codeIndex: ProjectCodeIndex;
let repo: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  repo = await makeRepository(await makeTempDir("mergeline-agent-index-"), {
    "src/cart.js":
      "export function cartTotal(items) {\n  return items.reduce((sum, item) => sum + item.price, 0);\n}\n",
    "src/tax.js":
      "export const TAX_RATE = 0.2;\n\nexport function withTax(amount) {\n  return amount * (1 + TAX_RATE);\n}\n",
  });
  const team = await createTeam({ db: handle.db, name: "Team", slug: `agents-${Date.now().toString(36)}` });
  project = await createProject({
    db: handle.db,
    values: { teamId: team.id, provider: "local", repository: repo, name: "cart", settings: defaultProjectSettings() },
  });
  expect(await projectCodeIndex({ db: handle.db, project })).toBeNull();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-agent-index-data-"));
  await syncCodeIndex({
    db: handle.db,
    project,
    embedding: null,
    gitProvider: createLocalGitProvider({ db: handle.db, dataDir }),
  });
  codeIndex = (await projectCodeIndex({ db: handle.db, project }))!;
});
afterAll(async () => {
  await closeAnalyzePool();
  await handle?.close();
});

describe("search_code and find_symbol", () => {
  it("are offered only when the project has an index", () => {
    const base = { workspacePath: repo, sandbox: recordingSandbox() };
    expect(Object.keys(codingTools(base))).not.toContain("search_code");
    expect(Object.keys(codingTools({ ...base, codeIndex }))).toEqual(
      expect.arrayContaining(["search_code", "find_symbol"]),
    );
  });

  it("answer with path:line locations, symbols and numbered snippets", async () => {
    const tools = codingTools({ workspacePath: repo, sandbox: recordingSandbox(), codeIndex });
    const found = await callTool(tools.search_code!, { query: "cart total" });
    expect(found).toMatchObject({ ok: true, indexedCommit: codeIndex.commitSha });
    expect((found as { results: unknown[] }).results[0]).toEqual({
      location: "src/cart.js:1-3",
      kind: "symbol",
      symbol: "function cartTotal",
      snippet: expect.stringContaining("1: export function cartTotal(items) {"),
    });
    expect(await callTool(tools.find_symbol!, { name: "TAX_RATE" })).toEqual({
      ok: true,
      symbols: [
        {
          location: "src/tax.js:1-1",
          kind: "constant",
          name: "TAX_RATE",
          exported: true,
          signature: "export const TAX_RATE = 0.2;",
        },
      ],
    });
  });

  it("are called by the coding agent like its other tools", async () => {
    const model = createScriptedModel({
      script: {
        name: "index tools",
        code: [
          [
            {
              toolCalls: [
                { toolName: "find_symbol", input: { name: "withTax" } },
                { toolName: "search_code", input: { query: "tax rate", kind: "symbol" } },
              ],
            },
            { text: "Found it." },
          ],
        ],
      },
      purpose: "code",
    });
    const result = await runCodingAgent({
      model,
      workspacePath: repo,
      sandbox: recordingSandbox(),
      prompt: { instructions: "Find things.", prompt: "Where is the tax?" },
      maxSteps: 5,
      codeIndex,
    });
    expect(result.stopReason).toBe("finished");
    const results = result.transcript.filter((entry) => entry.type === "tool-result");
    expect(results.map((entry) => entry.toolName)).toEqual(["find_symbol", "search_code"]);
    expect(JSON.stringify(results[0])).toContain("src/tax.js:3-5");
  });
});

describe("relevantCode", () => {
  it("gives the planner the code of the best hits for the task", async () => {
    const context = await relevantCode({ codeIndex, task: { goal: "Apply the tax rate to the cart total" } });
    expect(context.map((piece) => piece.location)).toEqual(
      expect.arrayContaining(["src/tax.js:3-5", "src/cart.js:1-3"]),
    );
    expect(context.find((piece) => piece.location === "src/tax.js:3-5")).toMatchObject({
      symbol: "function withTax",
      content: expect.stringContaining("amount * (1 + TAX_RATE)"),
    });
    expect(await relevantCode({ codeIndex: null, task: { goal: "anything" } })).toEqual([]);
  });
});
