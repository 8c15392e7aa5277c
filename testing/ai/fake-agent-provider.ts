import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { sendAnthropic, sendChat, sendGemini, sendResponses } from "./fake-agent-provider-wire";

/** Which wire protocol a request spoke. */
export type ProviderApi = "responses" | "chat" | "anthropic" | "gemini";

/** One model call as the stand-in saw it: enough for a script to decide what to answer. */
export type ProviderRequest = {
  api: ProviderApi;
  url: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** The model asked for (from the body, or Gemini's URL). */
  model: string;
  /** The function tools the agent offered, by name. */
  tools: string[];
  /** Tool results already in the conversation: how far the agent has got. */
  toolResults: number;
  /** The whole request body as text, to look for the prompt's content. */
  text: string;
  /** When it arrived (performance.now() of this process). */
  at: number;
};

/** What the model answers: text, and tool calls to make. */
export type ProviderTurn = {
  text?: string;
  toolCalls?: { name: string; arguments: Record<string, unknown> | string; custom?: boolean }[];
  /** Wait this long before answering (a model that takes its time). */
  delayMs?: number;
  usage?: { input: number; output: number };
};

export type ProviderScript = (request: ProviderRequest) => ProviderTurn | Promise<ProviderTurn>;

const records = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value)
    ? value.filter((item): item is Record<string, unknown> => !!item && typeof item === "object")
    : [];

function toolNames(api: ProviderApi, body: Record<string, unknown>): string[] {
  const tools = records(body.tools);
  if (api === "gemini")
    return tools.flatMap((tool) => records(tool.functionDeclarations).map((declaration) => String(declaration.name)));
  return tools.flatMap((tool) => {
    // A Responses API namespace (Codex groups each MCP server's tools in one): its tools as `<namespace>__<tool>`.
    if (tool.type === "namespace")
      return records(tool.tools).map((inner) => `${String(tool.name)}__${String(inner.name)}`);
    const fn = tool.function as { name?: string } | undefined;
    return [String(tool.name ?? fn?.name ?? tool.type)];
  });
}

function countToolResults(api: ProviderApi, body: Record<string, unknown>): number {
  if (api === "responses")
    return records(body.input).filter((item) => String(item.type).endsWith("_call_output")).length;
  if (api === "chat") return records(body.messages).filter((message) => message.role === "tool").length;
  if (api === "anthropic")
    return records(body.messages)
      .flatMap((message) => records(message.content))
      .filter((block) => block.type === "tool_result").length;
  return records(body.contents)
    .flatMap((content) => records(content.parts))
    .filter((part) => part.functionResponse).length;
}

function apiOf(method: string, pathname: string): ProviderApi | "count_tokens" | "models" | null {
  if (method === "GET" && /\/models$/.test(pathname)) return "models";
  if (method !== "POST") return null;
  if (pathname.endsWith("/responses")) return "responses";
  if (pathname.endsWith("/chat/completions")) return "chat";
  if (pathname.endsWith("/messages/count_tokens") || pathname.endsWith(":countTokens")) return "count_tokens";
  if (pathname.endsWith("/messages")) return "anthropic";
  if (/:(stream)?generateContent$/i.test(pathname)) return "gemini";
  return null;
}

/**
 * For tests and benchmarks: one HTTP server on 127.0.0.1 standing in for the model APIs
 * coding agents speak (OpenAI Responses and Chat Completions, Anthropic Messages, Gemini
 * generateContent), streaming included, in their real wire formats. Every call is recorded
 * and answered by `script`, which sees the tools offered and the results so far.
 */
export async function startFakeAgentProvider(script: ProviderScript) {
  const requests: ProviderRequest[] = [];
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", async () => {
      const url = new URL(req.url ?? "/", "http://stand-in");
      const api = apiOf(req.method ?? "", url.pathname);
      if (api === null) {
        res
          .writeHead(404, { "content-type": "application/json" })
          .end(JSON.stringify({ error: { message: "not found" } }));
        return;
      }
      if (api === "models") {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ object: "list", data: [] }));
        return;
      }
      if (api === "count_tokens") {
        res
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify({ input_tokens: Math.ceil(raw.length / 4), totalTokens: Math.ceil(raw.length / 4) }));
        return;
      }
      let body: Record<string, unknown> = {};
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        res.writeHead(400).end("bad json");
        return;
      }
      const model = String(body.model ?? url.pathname.split("/models/")[1]?.split(":")[0] ?? "stand-in");
      const request: ProviderRequest = {
        api,
        model,
        url: req.url ?? "",
        headers: req.headers,
        body,
        tools: toolNames(api, body),
        toolResults: countToolResults(api, body),
        text: raw,
        at: performance.now(),
      };
      requests.push(request);
      try {
        const turn = await script(request);
        if (turn.delayMs) await new Promise((resolve) => setTimeout(resolve, turn.delayMs));
        const stream = api === "gemini" ? url.pathname.includes("stream") : body.stream === true;
        const send = { responses: sendResponses, chat: sendChat, anthropic: sendAnthropic, gemini: sendGemini }[api];
        send(res, { turn, stream, model });
      } catch (error) {
        res
          .writeHead(500, { "content-type": "application/json" })
          .end(JSON.stringify({ error: { message: error instanceof Error ? error.message : String(error) } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    /** Base URL without a version: OpenAI clients want `${origin}/v1`, Anthropic's and Gemini's the origin. */
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeAgentProvider = Awaited<ReturnType<typeof startFakeAgentProvider>>;
