import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAgentMessagesByRunId } from "@/db/queries/transcripts";
import type { CliAgentId } from "@/lib/agents/backends/cli-agent-specs";
import type { FakeAgentProvider } from "@/testing/ai/fake-agent-provider";
import { basePathOf, smallItemCount, startAgentPipeline } from "@/testing/pipeline/agent-pipeline";
import type { PipelineHarness } from "@/testing/pipeline/pipeline-harness";

// Each CLI agent codes a whole run through the embedded engine, in the sandbox, against a
// stand-in of its provider's API (the scripted model plans): the run merges, the transcript
// shows the agent's steps, the repository's AGENTS.md reached the model, usage is recorded.

const agents: { id: CliAgentId; api: string; edit: string }[] = [
  { id: "codex", api: "responses", edit: "file_change" },
  { id: "claude-code", api: "anthropic", edit: "write_file" },
  { id: "gemini-cli", api: "gemini", edit: "write_file" },
  { id: "qwen-code", api: "chat", edit: "write_file" },
  { id: "copilot-cli", api: "responses", edit: "write_file" },
];

let harness: PipelineHarness;
let provider: FakeAgentProvider;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ harness, provider, close } = await startAgentPipeline(agents.map((agent) => agent.id)));
}, 300_000);
afterAll(() => close?.());

describe("runs coded by CLI agents", () => {
  it.each(agents)(
    "$id codes the run: it merges, with its steps in the transcript",
    async ({ id, api, edit }) => {
      const { createRun } = await import("@/lib/runs/create-run");
      const { runGit } = await import("@/lib/workspaces/run-git");
      const { modelCalls, runEvents } = await import("@/db/schema");
      const project = await harness.createProject({
        autoMerge: "auto-when-green",
        agent: { backend: id, model: "small", baseUrl: `${provider.origin}${basePathOf(id)}` },
      });
      writeFileSync(`${project.repository}/AGENTS.md`, "Keep modules tiny. MARKER-AGENTS-MD\n");
      const git = (...args: string[]) => execFileSync("git", ["-C", project.repository, ...args]);
      git("add", "AGENTS.md");
      git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "agents");
      const before = provider.requests.length;

      const run = await createRun({
        db: harness.db,
        input: { project, goal: "Add itemCount", source: "api", autoConfirm: true },
      });
      const finished = await harness.waitForState(run.id, ["merged", "failed", "needs_human", "cancelled"], 180_000);
      expect(finished.stateReason).toBeNull();
      expect(finished.state).toBe("merged");
      expect(await runGit(project.repository, ["show", "main:src/item-count.js"])).toBe(smallItemCount.trimEnd());

      const calls = provider.requests.slice(before).filter((request) => request.tools.length > 0);
      expect(calls[0]!.api).toBe(api);
      expect(calls[0]!.text).toContain("MARKER-AGENTS-MD");

      const transcript = (await getAgentMessagesByRunId({ db: harness.db, runId: run.id })).filter(
        (message) => message.purpose === "code" && message.attempt === 1,
      );
      const written = transcript.find((message) => message.toolName === edit);
      expect(JSON.stringify(written?.toolInput)).toContain("export const itemCount");
      const command = transcript.find((message) => message.toolName === "run_command");
      // The command with how it ended (its output is checked per agent in lib/agents/backends/cli-agents.test.ts;
      // Qwen Code's shell sometimes reports none under load).
      expect(command?.toolOutput).toContain('"exitCode": 0');
      expect(transcript.some((message) => message.role === "assistant" && message.content.includes("Wrote"))).toBe(
        true,
      );

      const recorded = await harness.db.select().from(modelCalls).where(eq(modelCalls.runId, run.id));
      expect(recorded.some((call) => call.model === `${id}:small`)).toBe(true);
      // Copilot CLI reports no token counts.
      if (id !== "copilot-cli") expect(recorded.some((call) => call.inputTokens > 0)).toBe(true);
      const events = await harness.db.select().from(runEvents).where(eq(runEvents.runId, run.id));
      const attempt = events.find((event) => event.type === "agent.attempt");
      expect(attempt?.data.instructions).toEqual(["AGENTS.md"]);
    },
    240_000,
  );
});
