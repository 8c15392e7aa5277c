import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { CodingAgentResult } from "@/lib/agents/coder";
import { type CliAgentSpec, PROMPT } from "@/lib/agents/backends/cli-agent-specs";
import { CliTranscript } from "@/lib/agents/backends/cli-transcript";
import { ensureCliAgent } from "@/lib/agents/backends/install-cli-agent";
import { cliEventHandler } from "@/lib/agents/backends/parse-cli-events";
import type { ModelPrompt } from "@/lib/agents/prompts";
import type { TranscriptRecorder } from "@/lib/agents/record-transcript";
import { trimMiddle } from "@/lib/agents/prompt-text";
import { compactJson } from "@/lib/agents/transcript";
import { logger } from "@/lib/platform/logger";
import type { SandboxDriver } from "@/lib/sandbox/types";
import type { ResolvedMcpServer } from "@/lib/agents/backends/resolve-mcp-servers";

export type CliEndpoint = { model: string; baseUrl: string; apiKey: string };

export type RunCliAgentOptions = {
  spec: CliAgentSpec;
  endpoint: CliEndpoint;
  workspacePath: string;
  sandbox: SandboxDriver;
  prompt: ModelPrompt;
  /** The run's minutes left: the agent is stopped (its whole process tree) past them. */
  timeoutMs: number;
  signal?: AbortSignal;
  redact?: string[];
  recorder?: TranscriptRecorder;
  /** The project's MCP servers (resolve-mcp-servers.ts), given to the CLI in its own config. */
  mcpServers?: ResolvedMcpServer[];
  /** Where the agents are installed (a test's own); default agentToolsDir(). */
  toolsDir?: string;
};

export type CliAgentResult = CodingAgentResult & { costUsd: number | null; timedOut: boolean };

/** A CLI agent that ended badly (non-zero exit); carries what was spent and its last output. */
export class CliAgentError extends Error {
  constructor(
    message: string,
    readonly partial: CliAgentResult,
  ) {
    super(message);
    this.name = "CliAgentError";
  }
}

// What the prompt argument says: the task itself comes on standard input (Codex, Claude Code,
// Gemini CLI and Qwen Code all read it there in their non-interactive modes).
const STDIN_DIRECTIVE = "Carry out the task given on standard input.";

// Characters, so that even multi-byte text stays under the kernel's 128 KiB per argument.
const MAX_ARGUMENT_PROMPT = 30_000;

const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** The provider's URL as the sandbox reaches it, and what network that takes. */
function reach(baseUrl: string): { url: string; hostPorts: number[]; network: boolean } {
  const url = new URL(baseUrl);
  if (!LOOPBACK.has(url.hostname)) return { url: baseUrl, hostPorts: [], network: true };
  // A provider on the host's loopback (a local model server, a test's stand-in) is relayed
  // into the sandbox at the same port, and nothing else of the host's is.
  url.hostname = "127.0.0.1";
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  return { url: url.toString().replace(/\/$/, ""), hostPorts: [port], network: false };
}

/**
 * Runs a CLI coding agent non-interactively in the sandbox, in the run's workspace: its
 * installation is bound read-only, its config written under the sandbox's HOME, its key
 * passed as a variable; its JSON events become the transcript as they arrive. The run's
 * budget bounds its time; a cancel kills its process tree.
 */
export async function runCliAgent(options: RunCliAgentOptions): Promise<CliAgentResult> {
  const { spec, endpoint, workspacePath, sandbox, prompt, redact, recorder } = options;
  const installed = await ensureCliAgent(spec, options.toolsDir);
  const target = reach(endpoint.baseUrl);
  // MCP servers over HTTP are reached like the model: relayed from the host's loopback, or by network.
  const mcpServers = (options.mcpServers ?? []).map((server) => {
    if (server.kind !== "http") return { server, hostPorts: [] as number[], network: false };
    const reached = reach(server.url);
    return { server: { ...server, url: reached.url }, hostPorts: reached.hostPorts, network: reached.network };
  });
  const launch = spec.launch({
    model: endpoint.model,
    baseUrl: target.url,
    mcpServers: mcpServers.map((entry) => entry.server),
  });
  const files = Object.entries(launch.homeFiles);
  const setup = files.map(
    ([file], index) =>
      `mkdir -p "$HOME/"${quote(file.split("/").slice(0, -1).join("/") || ".")} && printf '%s' "$MERGELINE_HOME_FILE_${index}" > "$HOME/"${quote(file)}`,
  );
  // The prompt arrives on standard input, from a file bound read-only: it may be longer than
  // one argument or variable may be (128 KiB), and never shows in a process list. A CLI that
  // takes it only as an argument gets it cut in the middle to fit.
  const byArgument = spec.promptVia === "argument";
  const promptText = `${prompt.instructions}\n\n${prompt.prompt}\n`;
  const promptDir = await mkdtemp(path.join(os.tmpdir(), "mergeline-agent-prompt-"));
  const promptFile = path.join(promptDir, "prompt.md");
  await writeFile(promptFile, byArgument ? trimMiddle(promptText, MAX_ARGUMENT_PROMPT) : promptText, { mode: 0o644 });
  const argv = launch.argv.map((arg) =>
    arg === PROMPT
      ? byArgument
        ? `"$(cat ${quote(promptFile)})"`
        : quote(STDIN_DIRECTIVE)
      : arg.startsWith("~/")
        ? `"$HOME/"${quote(arg.slice(2))}`
        : quote(arg),
  );
  const command = [
    ...setup,
    `exec ${quote(installed.binPath)} ${argv.join(" ")}${byArgument ? "" : ` < ${quote(promptFile)}`}`,
  ].join(" && ");
  const env: Record<string, string> = {
    ...launch.env,
    [spec.keyVariable]: endpoint.apiKey,
    ...Object.fromEntries(files.map(([, content], index) => [`MERGELINE_HOME_FILE_${index}`, content])),
  };

  recorder?.prompt(prompt);
  const transcript = new CliTranscript({ workspace: workspacePath, recorder, redact });
  const handle = cliEventHandler(spec.events, transcript, workspacePath);
  let queue: Promise<void> = Promise.resolve();
  let partialLine = "";
  const otherLines: string[] = [];
  const onOutput = (text: string) => {
    const lines = (partialLine + text).split("\n");
    partialLine = lines.pop() ?? "";
    for (const line of lines) {
      const trimmed = line.trim();
      if (!trimmed.startsWith("{")) {
        if (trimmed) otherLines.push(trimmed);
        continue;
      }
      let event: Record<string, unknown>;
      try {
        event = JSON.parse(trimmed) as Record<string, unknown>;
      } catch {
        otherLines.push(trimmed);
        continue;
      }
      queue = queue
        .then(() => handle(event))
        .catch((error: unknown) => logger.warn({ err: error }, "could not read a CLI agent's event"));
    }
  };

  const started = performance.now();
  const result = await sandbox
    .run({
      command,
      cwd: workspacePath,
      env,
      timeoutMs: Math.max(1000, options.timeoutMs),
      signal: options.signal,
      redact: [...(redact ?? []), endpoint.apiKey].filter((value) => value.length >= 4),
      onOutput,
      readOnlyMounts: [installed.dir, promptDir],
      hostPorts: [...new Set([...target.hostPorts, ...mcpServers.flatMap((entry) => entry.hostPorts)])],
      network: target.network || mcpServers.some((entry) => entry.network),
      maxOutputBytes: 256 * 1024,
    })
    .finally(() => rm(promptDir, { recursive: true, force: true }));
  if (partialLine) onOutput("\n");
  await queue;
  transcript.finish();
  await recorder?.flush();

  const stopReason = result.cancelled ? "aborted" : "finished";
  const outcome: CliAgentResult = {
    transcript: transcript.entries,
    usage: transcript.usage,
    finalText: compactJson(transcript.finalText, { redact, maxString: 20_000 }) as string,
    stepsUsed: transcript.steps,
    stopReason,
    costUsd: transcript.costUsd,
    timedOut: result.timedOut,
  };
  logger.info(
    {
      agent: spec.id,
      exitCode: result.exitCode,
      timedOut: result.timedOut,
      cancelled: result.cancelled,
      steps: transcript.steps,
      durationMs: Math.round(performance.now() - started),
    },
    "CLI agent stopped",
  );
  if (!result.cancelled && !result.timedOut && result.exitCode !== 0) {
    const tail = otherLines.slice(-5).join("\n").slice(-1500);
    throw new CliAgentError(
      `${spec.label} exited with ${result.exitCode ?? result.signal}${tail ? `: ${tail}` : ""}`,
      outcome,
    );
  }
  return outcome;
}
