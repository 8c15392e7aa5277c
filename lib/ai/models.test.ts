import { generateText } from "ai";
import { afterEach, describe, expect, it } from "vitest";
import { defaultProjectSettings } from "@/lib/projects/settings";
import { getModel, parseModelId } from "./models";
import { startFakeOpenAiServer } from "@/testing/ai/fake-openai-server";

const project = (model: string | null) => ({ settings: defaultProjectSettings({ model }) });
let server: Awaited<ReturnType<typeof startFakeOpenAiServer>> | undefined;
afterEach(async () => server?.close());

describe("parseModelId", () => {
  it("reads the three forms and refuses others", () => {
    expect(parseModelId("scripted")).toEqual({ provider: "scripted" });
    expect(parseModelId("openai:gpt-5.1")).toEqual({ provider: "openai", name: "gpt-5.1" });
    expect(parseModelId("openai-compatible:qwen2.5-coder:7b")).toEqual({
      provider: "openai-compatible",
      name: "qwen2.5-coder:7b",
    });
    expect(() => parseModelId("anthropic:claude")).toThrow(expect.objectContaining({ code: "bad_request:model" }));
  });
});

describe("getModel", () => {
  it("uses the project's model over MERGELINE_MODEL", () => {
    const config = { defaultModel: "openai:gpt-4o", openaiApiKey: "sk-test" };
    expect(getModel("plan", project(null), { config })).toMatchObject({
      id: "openai:gpt-4o",
      label: "OpenAI gpt-4o",
      scripted: false,
    });
    expect(getModel("plan", project("scripted"), { config, goal: "Add removeItem" })).toMatchObject({
      id: "scripted",
      scripted: true,
    });
  });

  it("answers a chat with the demo's chat turns whatever is asked, where a run's goal picks a task", async () => {
    const chat = getModel("chat", project(null), { config: { defaultModel: "scripted" } });
    const { text } = await generateText({ model: chat.model, prompt: "What does this repository do?" });
    expect(text).toBe("Let me look in the code index.");
    expect(() =>
      getModel("plan", project(null), { config: { defaultModel: "scripted" }, goal: "Write a poem" }),
    ).toThrow(expect.objectContaining({ code: "bad_request:goal" }));
  });

  it("labels the scripted model as scripted and prices it at zero", () => {
    const resolved = getModel("judge", project(null), { config: { defaultModel: "scripted" }, goal: "Add removeItem" });
    expect(resolved.label).toBe("Scripted model (demo-cart: add removeItem)");
    expect(resolved.label).toMatch(/scripted/i);
    expect(resolved.price).toEqual({ inputPerMillion: 0, outputPerMillion: 0, known: true });
    expect(resolved.model).toMatchObject({ specificationVersion: "v4", provider: "mergeline.scripted" });
  });

  it("explains a missing OPENAI_BASE_URL for openai-compatible and a missing key for openai", () => {
    expect(() =>
      getModel("code", project("openai-compatible:llama3"), { config: { defaultModel: "scripted" } }),
    ).toThrow(
      expect.objectContaining({ code: "unavailable:model", message: expect.stringMatching(/needs OPENAI_BASE_URL/) }),
    );
    expect(() => getModel("code", project("openai:gpt-4o"), { config: { defaultModel: "scripted" } })).toThrow(
      expect.objectContaining({ code: "unavailable:model", message: expect.stringMatching(/needs OPENAI_API_KEY/) }),
    );
  });

  it("sends openai: models to the Responses API with the key, at OPENAI_BASE_URL when set", async () => {
    server = await startFakeOpenAiServer([
      {
        id: "resp_1",
        object: "response",
        created_at: 1_700_000_000,
        status: "completed",
        model: "gpt-4o",
        output: [
          {
            type: "message",
            id: "msg_1",
            status: "completed",
            role: "assistant",
            content: [{ type: "output_text", text: "pong", annotations: [] }],
          },
        ],
        usage: { input_tokens: 9, output_tokens: 2, total_tokens: 11 },
      },
    ]);
    const resolved = getModel("plan", project("openai:gpt-4o"), {
      config: { defaultModel: "scripted", openaiApiKey: "sk-real", openaiBaseUrl: server.baseUrl },
    });
    expect(resolved.price).toEqual({ inputPerMillion: 2.5, outputPerMillion: 10, known: true });
    const result = await generateText({ model: resolved.model, prompt: "ping" });
    expect(result.text).toBe("pong");
    expect(result.usage).toMatchObject({ inputTokens: 9, outputTokens: 2 });
    expect(server.requests[0]).toMatchObject({ method: "POST", url: "/v1/responses", body: { model: "gpt-4o" } });
    expect(server.requests[0]!.headers.authorization).toBe("Bearer sk-real");
  });
});
