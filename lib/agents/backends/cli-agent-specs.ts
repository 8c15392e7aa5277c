import type { AgentBackendId } from "@/db/schema";
import type { ResolvedMcpServer } from "@/lib/agents/backends/resolve-mcp-servers";

export type CliAgentId = Exclude<AgentBackendId, "built-in">;

/** The wire protocol a CLI agent speaks to its model provider. */
export type ProviderProtocol = "openai-responses" | "openai-chat" | "anthropic-messages" | "gemini";

/** The event stream a CLI agent prints in its non-interactive JSON mode. */
export type CliEventFormat = "codex-json" | "claude-stream-json" | "gemini-stream-json" | "copilot-json";

/** What a CLI agent needs to run once: where its model is, and the MCP servers it may use. */
export type CliLaunchInput = {
  model: string;
  baseUrl: string;
  /** The project's MCP servers, in the CLI's own config (streamable HTTP, or stdio commands it starts in the sandbox). */
  mcpServers: ResolvedMcpServer[];
};

/** Where the prompt goes in argv: it is passed as a variable, never spliced into the shell text. */
export const PROMPT = Symbol("prompt");

export type CliAgentSpec = {
  id: CliAgentId;
  label: string;
  /** Installed from the npm registry at exactly this version (install-cli-agent.ts). */
  packageName: string;
  version: string;
  bin: string;
  protocol: ProviderProtocol;
  events: CliEventFormat;
  defaultModel: string;
  /** The variable the CLI reads its provider key from. */
  keyVariable: string;
  /**
   * How the prompt reaches it: on standard input (the default), or as the PROMPT argument for
   * a CLI that does not read standard input in its non-interactive mode (then bounded by the
   * 128 KiB a single argument may be).
   */
  promptVia?: "stdin" | "argument";
  /**
   * How to run it once: arguments (PROMPT where the prompt goes; one starting with `~/` is
   * a path under HOME), variables, and config files written under HOME before it starts.
   */
  launch(input: CliLaunchInput): {
    argv: (string | typeof PROMPT)[];
    env: Record<string, string>;
    homeFiles: Record<string, string>;
  };
};

const tomlString = (value: string) => JSON.stringify(value);

// Versions checked on Node 24 with the npm registry only (README, "Coding agents"): each
// installs with its native parts from npm (Codex and Claude Code through optional
// dependencies), runs offline, and is driven non-interactively against a stand-in API in
// lib/agents/backends/cli-agents.test.ts.
export const cliAgentSpecs: Record<CliAgentId, CliAgentSpec> = {
  codex: {
    id: "codex",
    label: "Codex CLI",
    packageName: "@openai/codex",
    version: "0.171.0",
    bin: "codex",
    protocol: "openai-responses",
    events: "codex-json",
    defaultModel: "gpt-5.1",
    keyVariable: "MERGELINE_MODEL_KEY",
    launch: ({ model, baseUrl, mcpServers }) => ({
      // Mergeline's sandbox confines it: Codex's own (Landlock/seccomp) is not stacked inside.
      argv: ["exec", "--json", "--skip-git-repo-check", "--dangerously-bypass-approvals-and-sandbox", PROMPT],
      env: {},
      homeFiles: {
        ".codex/config.toml": [
          `model = ${tomlString(model)}`,
          `model_provider = "mergeline"`,
          `check_for_update_on_startup = false`,
          "[model_providers.mergeline]",
          `name = "Mergeline"`,
          `base_url = ${tomlString(baseUrl)}`,
          `env_key = "MERGELINE_MODEL_KEY"`,
          `wire_api = "responses"`,
          ...mcpServers.flatMap((server) => [
            `[mcp_servers.${tomlString(server.name)}]`,
            ...(server.kind === "http"
              ? [
                  `url = ${tomlString(server.url)}`,
                  ...(Object.keys(server.headers).length
                    ? [
                        `http_headers = { ${Object.entries(server.headers)
                          .map(([name, value]) => `${tomlString(name)} = ${tomlString(value)}`)
                          .join(", ")} }`,
                      ]
                    : []),
                ]
              : [`command = ${tomlString(server.command)}`, `args = [${server.args.map(tomlString).join(", ")}]`]),
          ]),
          "",
        ].join("\n"),
      },
    }),
  },
  "claude-code": {
    id: "claude-code",
    label: "Claude Code",
    packageName: "@anthropic-ai/claude-code",
    version: "2.1.332",
    bin: "claude",
    protocol: "anthropic-messages",
    events: "claude-stream-json",
    defaultModel: "claude-sonnet-4-5",
    keyVariable: "ANTHROPIC_API_KEY",
    launch: ({ model, baseUrl, mcpServers }) => ({
      argv: [
        "-p",
        PROMPT,
        "--output-format",
        "stream-json",
        "--verbose",
        "--dangerously-skip-permissions",
        "--model",
        model,
        ...(mcpServers.length ? ["--mcp-config", "~/.claude-mcp.json"] : []),
      ],
      env: {
        ANTHROPIC_BASE_URL: baseUrl,
        // IS_SANDBOX: it refuses to skip permissions as root otherwise (the process driver).
        IS_SANDBOX: "1",
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
        DISABLE_AUTOUPDATER: "1",
        DISABLE_TELEMETRY: "1",
        // MCP tools offered to the model directly, not held back behind a tool-search step.
        ENABLE_TOOL_SEARCH: "false",
      },
      homeFiles: {
        ".claude-mcp.json": JSON.stringify({
          mcpServers: Object.fromEntries(
            mcpServers.map((server) => [
              server.name,
              server.kind === "http"
                ? { type: "http", url: server.url, headers: server.headers }
                : { type: "stdio", command: server.command, args: server.args },
            ]),
          ),
        }),
      },
    }),
  },
  "gemini-cli": {
    id: "gemini-cli",
    label: "Gemini CLI",
    packageName: "@google/gemini-cli",
    version: "0.61.0",
    bin: "gemini",
    protocol: "gemini",
    events: "gemini-stream-json",
    defaultModel: "gemini-2.5-pro",
    keyVariable: "GEMINI_API_KEY",
    launch: ({ model, baseUrl, mcpServers }) => ({
      argv: ["-p", PROMPT, "--output-format", "stream-json", "--yolo", "-m", model],
      env: { GOOGLE_GEMINI_BASE_URL: baseUrl, GEMINI_CLI_TRUST_WORKSPACE: "true" },
      homeFiles: {
        ".gemini/settings.json": JSON.stringify({
          security: { auth: { selectedType: "gemini-api-key" } },
          general: { disableAutoUpdate: true },
          privacy: { usageStatisticsEnabled: false },
          telemetry: { enabled: false },
          mcpServers: Object.fromEntries(
            mcpServers.map((server) => [
              server.name,
              server.kind === "http"
                ? { httpUrl: server.url, headers: server.headers }
                : { command: server.command, args: server.args },
            ]),
          ),
        }),
      },
    }),
  },
  "qwen-code": {
    id: "qwen-code",
    label: "Qwen Code",
    packageName: "@qwen-code/qwen-code",
    version: "0.24.4",
    bin: "qwen",
    protocol: "openai-chat",
    events: "claude-stream-json",
    defaultModel: "qwen3-coder-plus",
    keyVariable: "OPENAI_API_KEY",
    launch: ({ model, baseUrl, mcpServers }) => ({
      argv: ["-p", PROMPT, "--output-format", "stream-json", "--yolo", "--auth-type", "openai", "-m", model],
      env: { OPENAI_BASE_URL: baseUrl, OPENAI_MODEL: model, QWEN_CODE_SUPPRESS_YOLO_WARNING: "1" },
      homeFiles: {
        ".qwen/settings.json": JSON.stringify({
          // alwaysLoadTools: the project's MCP tools offered to the model directly. Otherwise
          // Qwen Code 0.24 defers them behind its tool_search step, and a model that does not
          // think to search never sees them (Claude Code's ENABLE_TOOL_SEARCH, likewise).
          mcpServers: Object.fromEntries(
            mcpServers.map((server) => [
              server.name,
              server.kind === "http"
                ? { httpUrl: server.url, headers: server.headers, alwaysLoadTools: true }
                : { command: server.command, args: server.args, alwaysLoadTools: true },
            ]),
          ),
        }),
      },
    }),
  },
  "copilot-cli": {
    id: "copilot-cli",
    label: "GitHub Copilot CLI",
    packageName: "@github/copilot",
    version: "1.0.102",
    bin: "copilot",
    // Its "bring your own key" mode: no GitHub sign-in, the provider at COPILOT_PROVIDER_BASE_URL.
    protocol: "openai-responses",
    events: "copilot-json",
    defaultModel: "gpt-5.1",
    keyVariable: "COPILOT_PROVIDER_API_KEY",
    promptVia: "argument",
    launch: ({ model, baseUrl, mcpServers }) => ({
      argv: ["-p", PROMPT, "--allow-all-tools", "--output-format", "json", "--model", model],
      env: { COPILOT_PROVIDER_BASE_URL: baseUrl, COPILOT_PROVIDER_WIRE_API: "responses", COPILOT_MODEL: model },
      homeFiles: {
        ".copilot/mcp-config.json": JSON.stringify({
          mcpServers: Object.fromEntries(
            mcpServers.map((server) => [
              server.name,
              server.kind === "http"
                ? { type: "http", url: server.url, headers: server.headers, tools: ["*"] }
                : { type: "local", command: server.command, args: server.args, tools: ["*"] },
            ]),
          ),
        }),
      },
    }),
  },
};
