import type { ProviderRequest, ProviderScript, ProviderTurn } from "./fake-agent-provider";

/** A file edit in the tool each agent offers for it, by the names its CLI gives them. */
function writeCall(request: ProviderRequest, workspace: string, file: string, content: string): ProviderTurn | null {
  const tools = request.tools;
  const absolute = `${workspace}/${file}`;
  if (tools.includes("exec_command")) {
    // Codex: a patch through its shell tool, which it applies itself (a file_change item).
    const lines = content
      .replace(/\n$/, "")
      .split("\n")
      .map((line) => `+${line}`);
    const patch = ["*** Begin Patch", `*** Add File: ${file}`, ...lines, "*** End Patch"].join("\n");
    return { toolCalls: [{ name: "exec_command", arguments: { cmd: `apply_patch <<'EOF'\n${patch}\nEOF\n` } }] };
  }
  for (const name of ["Write", "write_file"]) {
    if (tools.includes(name)) return { toolCalls: [{ name, arguments: { file_path: absolute, content } }] };
  }
  // Copilot CLI's
  if (tools.includes("create"))
    return { toolCalls: [{ name: "create", arguments: { path: absolute, file_text: content } }] };
  return null;
}

function commandCall(request: ProviderRequest, command: string): ProviderTurn | null {
  if (request.tools.includes("exec_command"))
    return { toolCalls: [{ name: "exec_command", arguments: { cmd: command } }] };
  for (const name of ["Bash", "run_shell_command", "bash"]) {
    if (request.tools.includes(name)) return { toolCalls: [{ name, arguments: { command, description: "check" } }] };
  }
  return null;
}

/**
 * A stand-in model's script for any coding agent: write `file` with `content` (in whichever
 * tool the agent offers), run `command`, then say it is done. Requests without tools (titles,
 * checks some CLIs make on the side) get a short text.
 */
export function fileEditScript({
  workspace,
  file,
  content,
  command = `cat ${file}`,
  delayMs = 0,
  summary = `Wrote ${file}.`,
  via = "tool",
}: {
  /**
   * The absolute path the agent works in (some CLIs' write tools want absolute paths);
   * unset, a run's workspace (…/workspaces/<id>, a candidate's …/workspaces/<id>-c<n>) named in the request, as every CLI tells
   * its model its working directory.
   */
  workspace?: string;
  file: string;
  content: string;
  command?: string;
  /** Each answer waits this long (a slow model). */
  delayMs?: number;
  summary?: string;
  /** "shell": the file is written by a command (a heredoc), as agents overwrite files they have not read. */
  via?: "tool" | "shell";
}): ProviderScript {
  return (request) => {
    const root = workspace ?? /(\/[^\s"'\\]*\/workspaces\/[0-9a-f-]{36}(?:-c\d+)?)/.exec(request.text)?.[1] ?? ".";
    const turn =
      request.tools.length === 0
        ? null
        : request.toolResults === 0
          ? via === "shell"
            ? commandCall(request, `cat > ${file} <<'MERGELINE_EOF'\n${content}MERGELINE_EOF`)
            : writeCall(request, root, file, content)
          : request.toolResults === 1
            ? commandCall(request, command)
            : null;
    return { ...(turn ?? { text: summary }), delayMs };
  };
}
