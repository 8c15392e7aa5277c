import Chip from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { formatDuration } from "@/components/run/format-duration";
import type { AgentMessage } from "@/db/schema";
import { CodeBlock } from "./code-block";
import { EditFileDiff } from "./edit-file-diff";
import { PatchDiff } from "./patch-diff";
import { parseToolOutput } from "./parse-tool-output";

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const text = (value: unknown): string | null => (typeof value === "string" ? value : null);

function Label({ children }: { children: string }) {
  return (
    <Typography variant="caption" color="text.secondary">
      {children}
    </Typography>
  );
}

/** A command the agent ran: the command, how it ended, how long it took, and its output. */
function CommandCall({ input, output }: { input: Record<string, unknown>; output: string }) {
  const { fields, sections } = parseToolOutput(output);
  const exitCode = typeof fields?.exitCode === "number" ? fields.exitCode : null;
  const durationMs = typeof fields?.durationMs === "number" ? fields.durationMs : null;
  const body = sections.find((section) => section.name === "output")?.text ?? text(fields?.output);
  return (
    <Stack spacing={1}>
      <CodeBlock testId="tool-input">{`$ ${text(input.command) ?? ""}`}</CodeBlock>
      {fields ? (
        <>
          <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
            {fields.timedOut === true ? (
              <Chip size="small" color="warning" label="timed out" />
            ) : exitCode !== null ? (
              <Chip size="small" color={exitCode === 0 ? "success" : "error"} label={`exit ${exitCode}`} />
            ) : null}
            {durationMs !== null && (
              <Typography variant="caption" color="text.secondary" data-testid="tool-duration">
                {formatDuration(durationMs)}
              </Typography>
            )}
          </Stack>
          <CodeBlock testId="tool-output">{body ?? "(no output)"}</CodeBlock>
        </>
      ) : (
        <CodeBlock testId="tool-output">{output}</CodeBlock>
      )}
    </Stack>
  );
}

/** What a tool call did, shown for what it is: an edit as a diff, a command with its output, anything else as data. */
export function ToolCallDetails({ message }: { message: AgentMessage }) {
  const input = record(message.toolInput);
  const output = message.toolError ?? message.toolOutput ?? null;
  const failed = Boolean(message.toolError);
  const path = text(input.path);
  if (!failed && output !== null && message.toolName === "run_command" && text(input.command) !== null)
    return <CommandCall input={input} output={output} />;
  const patch = text(input.diff);
  if (path && patch) return <PatchDiff path={path} diff={patch} />;
  const oldText = text(input.oldText);
  const newText = text(input.newText);
  const editLine = record(parseToolOutput(output ?? "").fields).line;
  return (
    <Stack spacing={1}>
      {message.toolName === "edit_file" && path && oldText !== null && newText !== null ? (
        <EditFileDiff
          path={path}
          oldText={oldText}
          newText={newText}
          line={typeof editLine === "number" ? editLine : undefined}
        />
      ) : message.toolName === "write_file" && path && text(input.content) !== null ? (
        <>
          <Label>{`Content of ${path}`}</Label>
          <CodeBlock testId="tool-input">{text(input.content)!}</CodeBlock>
        </>
      ) : (
        <>
          <Label>Input</Label>
          <CodeBlock testId="tool-input">{JSON.stringify(message.toolInput, null, 2)}</CodeBlock>
        </>
      )}
      <Label>{failed ? "Error" : "Result"}</Label>
      <CodeBlock testId="tool-output">{output ?? "(no result was recorded)"}</CodeBlock>
    </Stack>
  );
}
