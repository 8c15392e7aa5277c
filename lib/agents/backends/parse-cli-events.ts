import type { CliEventFormat } from "@/lib/agents/backends/cli-agent-specs";
import type { CliTranscript } from "@/lib/agents/backends/cli-transcript";
import { workspaceFileDiff } from "@/lib/agents/backends/workspace-file-diff";

type Json = Record<string, unknown>;
export type CliEventHandler = (event: Json) => void | Promise<void>;

const obj = (value: unknown): Json =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {};
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.map(obj) : []);
const str = (value: unknown): string => (typeof value === "string" ? value : "");
const num = (value: unknown): number | undefined => (typeof value === "number" ? value : undefined);

/** The text of a tool_result's content: a string, or text blocks. */
const contentText = (content: unknown): string =>
  typeof content === "string"
    ? content
    : list(content)
        .map((block) => str(block.text))
        .join("\n");

// `codex exec --json`: thread/turn events and items (agent_message, command_execution,
// file_change, mcp_tool_call...) started and completed; usage per turn.
function codexHandler(transcript: CliTranscript, workspace: string): CliEventHandler {
  return async (event) => {
    const item = obj(event.item);
    const id = str(item.id);
    if (event.type === "turn.completed") {
      const usage = obj(event.usage);
      transcript.addUsage({ inputTokens: num(usage.input_tokens), outputTokens: num(usage.output_tokens) });
    } else if (event.type === "turn.failed" || event.type === "error") {
      transcript.text(`The agent reported an error: ${str(obj(event.error).message) || str(event.message)}`);
    } else if (event.type === "item.started" && item.type === "command_execution") {
      transcript.call(id, "exec_command", { command: str(item.command) });
    } else if (event.type === "item.completed") {
      if (item.type === "agent_message") transcript.text(str(item.text));
      else if (item.type === "command_execution")
        transcript.completed(
          id,
          "exec_command",
          { command: str(item.command) },
          {
            output: str(item.aggregated_output),
            exitCode: num(item.exit_code) ?? null,
          },
        );
      else if (item.type === "file_change")
        for (const [index, change] of list(item.changes).entries()) {
          const diff = await workspaceFileDiff(workspace, str(change.path));
          transcript.completed(
            `${id}-${index}`,
            "file_change",
            { path: str(change.path), kind: str(change.kind), diff },
            {
              output: { status: str(item.status) },
            },
          );
        }
      else if (item.type === "mcp_tool_call")
        transcript.completed(
          id,
          `mcp:${str(item.server)}/${str(item.tool)}`,
          obj(item.arguments),
          item.error
            ? { error: str(obj(item.error).message) || JSON.stringify(item.error) }
            : { output: item.result ?? "" },
        );
    }
  };
}

// Claude Code's and Qwen Code's `--output-format stream-json`: assistant messages with text
// and tool_use blocks, user messages with tool_result blocks, and a final result with usage
// and (Claude Code) the cost.
function claudeHandler(transcript: CliTranscript): CliEventHandler {
  return (event) => {
    const message = obj(event.message);
    if (event.type === "assistant") {
      for (const block of list(message.content)) {
        if (block.type === "text") transcript.text(str(block.text));
        else if (block.type === "tool_use") transcript.call(str(block.id), str(block.name), obj(block.input));
      }
    } else if (event.type === "user") {
      for (const block of list(message.content)) {
        if (block.type !== "tool_result") continue;
        const text = contentText(block.content);
        transcript.result(
          str(block.tool_use_id),
          block.is_error === true ? { error: text, exitCode: 1 } : { output: text },
        );
      }
    } else if (event.type === "result") {
      const usage = obj(event.usage);
      transcript.addUsage({ inputTokens: num(usage.input_tokens), outputTokens: num(usage.output_tokens) });
      if (typeof event.total_cost_usd === "number") transcript.costUsd = event.total_cost_usd;
      if (event.is_error === true)
        transcript.text(`The agent stopped with an error: ${str(event.result) || str(event.subtype)}`);
      else if (str(event.result)) transcript.finalText = str(event.result);
    }
  };
}

// Gemini CLI's `--output-format stream-json`: messages (assistant text may come as deltas),
// tool_use and tool_result by tool_id, and a result with token stats.
function geminiHandler(transcript: CliTranscript): CliEventHandler {
  let text = "";
  const flush = () => {
    transcript.text(text);
    text = "";
  };
  return (event) => {
    if (event.type === "message" && event.role === "assistant") {
      text = event.delta === true ? text + str(event.content) : str(event.content);
      return;
    }
    flush();
    if (event.type === "tool_use") transcript.call(str(event.tool_id), str(event.tool_name), obj(event.parameters));
    else if (event.type === "tool_result") {
      const error = obj(event.error);
      transcript.result(
        str(event.tool_id),
        event.status === "success"
          ? { output: str(event.output) }
          : { error: str(error.message) || str(event.output), exitCode: 1 },
      );
    } else if (event.type === "result") {
      const stats = obj(event.stats);
      transcript.addUsage({ inputTokens: num(stats.input_tokens), outputTokens: num(stats.output_tokens) });
    }
  };
}

// GitHub Copilot CLI's `--output-format json`: assistant messages with their tool requests,
// each tool's execution completed with its result (and a command's exit code). It reports
// no token counts there.
function copilotHandler(transcript: CliTranscript): CliEventHandler {
  return (event) => {
    const data = obj(event.data);
    if (event.type === "assistant.message") {
      transcript.text(str(data.content));
      for (const request of list(data.toolRequests))
        transcript.call(str(request.toolCallId), str(request.name), obj(request.arguments));
    } else if (event.type === "tool.execution_complete") {
      const result = obj(data.result);
      const exitCode = num(obj(data.shellExecution).exitCode);
      transcript.result(
        str(data.toolCallId),
        data.success === true
          ? { output: str(result.content), exitCode: exitCode ?? 0 }
          : {
              error: str(obj(data.error).message) || str(result.content) || "the tool failed",
              exitCode: exitCode ?? 1,
            },
      );
    }
  };
}

/** The handler of one CLI's JSON events, each line of its output parsed. */
export function cliEventHandler(format: CliEventFormat, transcript: CliTranscript, workspace: string): CliEventHandler {
  if (format === "codex-json") return codexHandler(transcript, workspace);
  if (format === "claude-stream-json") return claudeHandler(transcript);
  if (format === "copilot-json") return copilotHandler(transcript);
  return geminiHandler(transcript);
}
