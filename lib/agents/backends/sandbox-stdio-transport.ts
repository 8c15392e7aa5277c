import type { JSONRPCMessage, MCPTransport } from "@ai-sdk/mcp";
import { type RunningService, startService } from "@/lib/sandbox/start-service";
import type { SandboxDriver, SandboxStdio } from "@/lib/sandbox/types";

export type SandboxStdioTransportOptions = {
  sandbox: SandboxDriver;
  /** The whole command line, for `sh -c` in the sandbox. */
  command: string;
  workspacePath: string;
  env?: Record<string, string>;
  redact?: string[];
  /** The attempt's signal: a cancel or the run's budget stops the server. */
  signal?: AbortSignal;
  /** Cap on the server's lifetime (the attempt's). */
  maxLifetimeMs?: number;
};

// A line this long is not an MCP message but a server writing garbage to stdout.
const MAX_LINE_CHARS = 16 * 1024 * 1024;

/**
 * MCP over stdio with a server started in the sandbox (the same driver, confinement, caps and
 * whole-tree kill as the agent's commands), for the AI SDK's MCP client. The AI SDK's own
 * stdio transport spawns on the host, which the sandbox rules forbid. Messages are one JSON
 * object per line, both ways, as the MCP stdio transport says.
 */
export class SandboxStdioTransport implements MCPTransport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private service: RunningService | null = null;
  private stdin: SandboxStdio["stdin"] | null = null;
  private closed = false;

  constructor(private readonly options: SandboxStdioTransportOptions) {}

  /** What the server wrote to stderr (its log), once it has ended. */
  async stderr(): Promise<string> {
    return this.service ? (await this.service.exited).output : "";
  }

  async start(): Promise<void> {
    if (this.service) throw new Error("SandboxStdioTransport already started");
    const { sandbox, command, workspacePath, env, redact, signal, maxLifetimeMs } = this.options;
    let pending = "";
    let spawned: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => {
      spawned = resolve;
    });
    this.service = startService(sandbox, {
      command,
      cwd: workspacePath,
      env,
      redact,
      signal,
      maxLifetimeMs,
      // The same rule as the built-in agent's run_command: no network.
      network: false,
      maxOutputBytes: 64 * 1024,
      onStdio: ({ stdin, stdout }) => {
        this.stdin = stdin;
        spawned();
        stdout.setEncoding("utf8");
        stdout.on("data", (chunk: string) => {
          pending += chunk;
          if (pending.length > MAX_LINE_CHARS) {
            this.onerror?.(new Error("the MCP server wrote an over-long line to stdout"));
            pending = "";
          }
          for (let end = pending.indexOf("\n"); end >= 0; end = pending.indexOf("\n")) {
            const line = pending.slice(0, end).trim();
            pending = pending.slice(end + 1);
            if (line) this.receive(line);
          }
        });
      },
    });
    void this.service.exited.then((result) => {
      if (this.closed) return;
      this.closed = true;
      this.onerror?.(new Error(`the MCP server exited (${result.exitCode ?? result.signal ?? "killed"})`));
      this.onclose?.();
    });
    // The driver spawns after its own preparations (mounts, cgroup): sending waits for that.
    await Promise.race([ready, this.service.exited]);
  }

  private receive(line: string) {
    try {
      this.onmessage?.(JSON.parse(line) as JSONRPCMessage);
    } catch (error) {
      this.onerror?.(new Error(`the MCP server wrote a line that is not JSON: ${String(error)}`));
    }
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.stdin;
    if (this.closed || !stdin) throw new Error("the MCP server is not running");
    await new Promise<void>((resolve, reject) =>
      stdin.write(`${JSON.stringify(message)}\n`, (error) => (error ? reject(error) : resolve())),
    );
  }

  /** Stops the server's whole process tree and waits for it. */
  async close(): Promise<void> {
    const wasClosed = this.closed;
    this.closed = true;
    this.stdin?.end();
    await this.service?.stop();
    if (!wasClosed) this.onclose?.();
  }
}
