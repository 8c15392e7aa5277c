import path from "node:path";
import type { TranscriptRecorder } from "@/lib/agents/record-transcript";
import { stepEntries, type TranscriptEntry, type TranscriptStep } from "@/lib/agents/transcript";
import type { ModelUsage } from "@/lib/ai/usage";

type Pending = { name: string; input: Record<string, unknown> };

const COMMAND_TOOLS = new Set(["Bash", "run_shell_command", "bash", "shell", "exec_command"]);
const WRITE_TOOLS = new Set(["Write", "write_file", "write", "create"]);
const EDIT_TOOLS = new Set(["Edit", "edit", "replace"]);

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/**
 * A CLI agent's events as Mergeline's transcript: each message, and each tool call with its
 * result, is one step recorded as it happens (record-transcript.ts redacts and stores it).
 * The CLIs' own tool names are mapped to the ones the run page knows how to show (a command
 * with its output, a write as the file's content, an edit as a diff); the original name
 * stays in the input as `agentTool`.
 */
export class CliTranscript {
  readonly entries: TranscriptEntry[] = [];
  usage: ModelUsage = { inputTokens: 0, outputTokens: 0 };
  /** What the CLI said it cost, when it says (Claude Code does); priced by tokens otherwise. */
  costUsd: number | null = null;
  finalText = "";
  steps = 0;
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly options: { workspace: string; recorder?: TranscriptRecorder; redact?: string[] }) {}

  private relative(file: string | undefined): string | undefined {
    if (!file) return file;
    const resolved = path.resolve(this.options.workspace, file);
    return resolved.startsWith(`${this.options.workspace}/`) ? path.relative(this.options.workspace, resolved) : file;
  }

  private record(content: TranscriptStep["content"]) {
    const step: TranscriptStep = { stepNumber: this.steps++, content };
    this.entries.push(...stepEntries(step, { redact: this.options.redact }));
    this.options.recorder?.step(step);
  }

  text(text: string) {
    if (!text.trim()) return;
    this.finalText = text;
    this.record([{ type: "text", text }]);
  }

  /** A tool call as the run page shows it: commands, writes and edits under Mergeline's own names. */
  normalize(name: string, input: Record<string, unknown>): Pending {
    if (COMMAND_TOOLS.has(name)) {
      const command =
        str(input.command) ?? str(input.cmd) ?? (Array.isArray(input.command) ? input.command.join(" ") : "");
      return { name: "run_command", input: { command, agentTool: name } };
    }
    const file = this.relative(str(input.file_path) ?? str(input.filePath) ?? str(input.path));
    if (WRITE_TOOLS.has(name) && file !== undefined)
      return {
        name: "write_file",
        input: { path: file, content: str(input.content) ?? str(input.file_text) ?? "", agentTool: name },
      };
    if (EDIT_TOOLS.has(name) && file !== undefined)
      return {
        name: "edit_file",
        input: {
          path: file,
          oldText: str(input.old_string) ?? str(input.oldString) ?? str(input.old_str) ?? "",
          newText: str(input.new_string) ?? str(input.newString) ?? str(input.new_str) ?? "",
          agentTool: name,
        },
      };
    return { name, input };
  }

  call(id: string, name: string, input: Record<string, unknown>) {
    this.pending.set(id, this.normalize(name, input));
  }

  /** The result of a call made before; a result without its call is recorded on its own. */
  result(id: string, outcome: { output?: unknown; error?: string; exitCode?: number | null }) {
    const call = this.pending.get(id) ?? { name: "tool", input: {} };
    this.pending.delete(id);
    const output =
      call.name === "run_command"
        ? {
            exitCode: outcome.exitCode ?? (outcome.error ? 1 : 0),
            output: String(outcome.output ?? outcome.error ?? ""),
          }
        : (outcome.output ?? "");
    const failed = outcome.error !== undefined && call.name !== "run_command";
    this.record([
      { type: "tool-call", toolCallId: id, toolName: call.name, input: call.input },
      failed
        ? { type: "tool-error", toolCallId: id, toolName: call.name, error: outcome.error }
        : { type: "tool-result", toolCallId: id, toolName: call.name, output },
    ]);
  }

  /** A call and its result reported together (Codex's completed items). */
  completed(id: string, name: string, input: Record<string, unknown>, outcome: Parameters<CliTranscript["result"]>[1]) {
    this.pending.set(id, this.pending.get(id) ?? this.normalize(name, input));
    this.result(id, outcome);
  }

  addUsage(usage: Partial<ModelUsage>) {
    this.usage = {
      inputTokens: this.usage.inputTokens + (usage.inputTokens ?? 0),
      outputTokens: this.usage.outputTokens + (usage.outputTokens ?? 0),
    };
  }

  /** Calls that never got a result (the agent was stopped) are still shown, as unfinished. */
  finish() {
    for (const [id] of this.pending) this.result(id, { error: "no result: the agent stopped first" });
  }
}
