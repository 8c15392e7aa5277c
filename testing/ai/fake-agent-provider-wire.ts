import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { ProviderTurn } from "./fake-agent-provider";

// The answers of fake-agent-provider.ts in each API's own wire format, as the real APIs
// send them (field names, SSE event names and order), so real CLI agents parse them.

type Answer = { turn: ProviderTurn; stream: boolean; model: string };

const id = (prefix: string) => `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 24)}`;
const argsText = (value: Record<string, unknown> | string) =>
  typeof value === "string" ? value : JSON.stringify(value);
const argsObject = (value: Record<string, unknown> | string): Record<string, unknown> =>
  typeof value === "string" ? (JSON.parse(value) as Record<string, unknown>) : value;
const usageOf = (turn: ProviderTurn) => turn.usage ?? { input: 1200, output: 80 };

function sse(res: ServerResponse, events: { event?: string; data: unknown }[], done?: string) {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  for (const { event, data } of events) {
    res.write(`${event ? `event: ${event}\n` : ""}data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`);
  }
  if (done) res.write(`data: ${done}\n\n`);
  res.end();
}

const json = (res: ServerResponse, body: unknown) =>
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));

export function sendResponses(res: ServerResponse, { turn, stream, model }: Answer) {
  const usage = usageOf(turn);
  const output: Record<string, unknown>[] = [];
  if (turn.text)
    output.push({
      type: "message",
      id: id("msg"),
      status: "completed",
      role: "assistant",
      content: [{ type: "output_text", text: turn.text, annotations: [] }],
    });
  for (const call of turn.toolCalls ?? []) {
    output.push(
      call.custom
        ? {
            type: "custom_tool_call",
            id: id("ctc"),
            call_id: id("call"),
            name: call.name,
            input: argsText(call.arguments),
            status: "completed",
          }
        : {
            type: "function_call",
            id: id("fc"),
            call_id: id("call"),
            // A tool of a namespace is called by its own name, with the namespace beside it.
            ...(/^mcp__.+__/.test(call.name)
              ? {
                  namespace: call.name.slice(0, call.name.lastIndexOf("__")),
                  name: call.name.slice(call.name.lastIndexOf("__") + 2),
                }
              : { name: call.name }),
            arguments: argsText(call.arguments),
            status: "completed",
          },
    );
  }
  const base = { id: id("resp"), object: "response", created_at: Math.floor(Date.now() / 1000), model };
  const completed = {
    ...base,
    status: "completed",
    output,
    usage: {
      input_tokens: usage.input,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: usage.output,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: usage.input + usage.output,
    },
  };
  if (!stream) return json(res, completed);
  let seq = 0;
  const event = (type: string, data: Record<string, unknown>) => ({
    event: type,
    data: { type, sequence_number: seq++, ...data },
  });
  const events = [event("response.created", { response: { ...base, status: "in_progress", output: [] } })];
  output.forEach((item, index) => {
    events.push(event("response.output_item.added", { output_index: index, item: { ...item, status: "in_progress" } }));
    if (item.type === "message")
      events.push(
        event("response.output_text.delta", {
          item_id: item.id,
          output_index: index,
          content_index: 0,
          delta: turn.text,
        }),
        event("response.output_text.done", {
          item_id: item.id,
          output_index: index,
          content_index: 0,
          text: turn.text,
        }),
      );
    events.push(event("response.output_item.done", { output_index: index, item }));
  });
  events.push(event("response.completed", { response: completed }));
  sse(res, events);
}

export function sendChat(res: ServerResponse, { turn, stream, model }: Answer) {
  const usage = usageOf(turn);
  const toolCalls = (turn.toolCalls ?? []).map((call, index) => ({
    index,
    id: id("call"),
    type: "function" as const,
    function: { name: call.name, arguments: argsText(call.arguments) },
  }));
  const finish = toolCalls.length > 0 ? "tool_calls" : "stop";
  const usageBody = {
    prompt_tokens: usage.input,
    completion_tokens: usage.output,
    total_tokens: usage.input + usage.output,
  };
  const base = { id: id("chatcmpl"), created: Math.floor(Date.now() / 1000), model };
  if (!stream)
    return json(res, {
      ...base,
      object: "chat.completion",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: turn.text ?? null,
            ...(toolCalls.length ? { tool_calls: toolCalls.map(({ index: _, ...call }) => call) } : {}),
          },
          finish_reason: finish,
        },
      ],
      usage: usageBody,
    });
  const chunk = (delta: Record<string, unknown>, finishReason: string | null, extra: Record<string, unknown> = {}) => ({
    data: {
      ...base,
      object: "chat.completion.chunk",
      choices: [{ index: 0, delta, finish_reason: finishReason }],
      ...extra,
    },
  });
  const events = [chunk({ role: "assistant", content: turn.text ?? "" }, null)];
  if (toolCalls.length) events.push(chunk({ tool_calls: toolCalls }, null));
  events.push(chunk({}, finish, { usage: usageBody }));
  sse(res, events, "[DONE]");
}

export function sendAnthropic(res: ServerResponse, { turn, stream, model }: Answer) {
  const usage = usageOf(turn);
  const content: Record<string, unknown>[] = [];
  if (turn.text) content.push({ type: "text", text: turn.text });
  for (const call of turn.toolCalls ?? [])
    content.push({ type: "tool_use", id: id("toolu"), name: call.name, input: argsObject(call.arguments) });
  const stopReason = (turn.toolCalls ?? []).length > 0 ? "tool_use" : "end_turn";
  const message = { id: id("msg"), type: "message", role: "assistant", model, stop_sequence: null };
  const fullUsage = {
    input_tokens: usage.input,
    output_tokens: usage.output,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
  };
  if (!stream) return json(res, { ...message, content, stop_reason: stopReason, usage: fullUsage });
  const event = (type: string, data: Record<string, unknown>) => ({ event: type, data: { type, ...data } });
  const events = [
    event("message_start", {
      message: { ...message, content: [], stop_reason: null, usage: { ...fullUsage, output_tokens: 1 } },
    }),
  ];
  content.forEach((block, index) => {
    if (block.type === "text") {
      events.push(
        event("content_block_start", { index, content_block: { type: "text", text: "" } }),
        event("content_block_delta", { index, delta: { type: "text_delta", text: block.text } }),
      );
    } else {
      events.push(
        event("content_block_start", { index, content_block: { ...block, input: {} } }),
        event("content_block_delta", {
          index,
          delta: { type: "input_json_delta", partial_json: JSON.stringify(block.input) },
        }),
      );
    }
    events.push(event("content_block_stop", { index }));
  });
  events.push(
    event("message_delta", {
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: usage.output },
    }),
    event("message_stop", {}),
  );
  sse(res, events);
}

export function sendGemini(res: ServerResponse, { turn, stream, model }: Answer) {
  const usage = usageOf(turn);
  const parts: Record<string, unknown>[] = [];
  if (turn.text) parts.push({ text: turn.text });
  for (const call of turn.toolCalls ?? [])
    parts.push({ functionCall: { name: call.name, args: argsObject(call.arguments) } });
  const body = {
    candidates: [{ content: { role: "model", parts }, finishReason: "STOP", index: 0 }],
    usageMetadata: {
      promptTokenCount: usage.input,
      candidatesTokenCount: usage.output,
      totalTokenCount: usage.input + usage.output,
    },
    modelVersion: model,
    responseId: id("gem"),
  };
  if (!stream) return json(res, body);
  sse(res, [{ data: body }]);
}
