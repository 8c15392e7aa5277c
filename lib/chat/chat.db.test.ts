import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { Project } from "@/db/schema";
import type { UserActor } from "@/lib/auth/get-session-actor";

// "Chat with a project" on a real index with the scripted model: the answer streams, uses
// the tools and cites file:line; the conversation is stored as the person's alone; "Do it"
// makes a run that carries it. Pipeline events go to an Inngest-protocol intake.

let handle: DatabaseHandle;
let project: Project;
let person: UserActor;
let stranger: UserActor;
let receiver: { url: string; events: { name: string; data: Record<string, unknown> }[]; close: () => Promise<void> };
let m: {
  streamProjectChat: typeof import("./stream-project-chat").streamProjectChat;
  startRunFromConversation: typeof import("./start-run-from-conversation").startRunFromConversation;
  getChatMessages: typeof import("@/db/queries/chat").getChatMessages;
  getChatConversation: typeof import("@/db/queries/chat").getChatConversation;
};

/** The stream's events (SSE `data:` lines of the UI message stream protocol). */
async function readStream(response: Response): Promise<{ type: string; [key: string]: unknown }[]> {
  const text = await response.text();
  return text
    .split("\n")
    .filter((line) => line.startsWith("data: ") && line !== "data: [DONE]")
    .map((line) => JSON.parse(line.slice("data: ".length)));
}

beforeAll(async () => {
  const { startEventReceiver } = await import("@/testing/webhooks/start-event-receiver");
  receiver = await startEventReceiver();
  Object.assign(process.env, {
    INNGEST_DEV: "1",
    INNGEST_BASE_URL: receiver.url,
    MERGELINE_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-chat-")),
  });
  const { createTestDatabase } = await import("@/testing/database");
  const { setDatabaseHandle } = await import("@/db");
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
  const { createDemoRepository } = await import("@/lib/demo/create-demo-repository");
  const repository = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-chat-repo-")), "cart");
  await createDemoRepository(repository);
  const { createTeam } = await import("@/db/queries/teams");
  const { createProject } = await import("@/db/queries/projects");
  const { insertUserIfAbsent } = await import("@/db/queries/users");
  const { defaultProjectSettings } = await import("@/lib/projects/settings");
  const team = await createTeam({ db: handle.db, name: "Team", slug: `chat-${Date.now().toString(36)}` });
  project = await createProject({
    db: handle.db,
    values: {
      teamId: team.id,
      provider: "local",
      repository,
      name: "cart",
      settings: { ...defaultProjectSettings(), model: "scripted" },
    },
  });
  const user = async (email: string): Promise<UserActor> => ({
    kind: "user",
    userId: (await insertUserIfAbsent({ db: handle.db, values: { email, name: email } }))!.id,
    memberships: [{ teamId: team.id, role: "member" }],
    ip: null,
  });
  person = await user(`ada-${team.id}@example.test`);
  stranger = await user(`eve-${team.id}@example.test`);
  const { syncCodeIndex } = await import("@/lib/code-index/sync-code-index");
  await syncCodeIndex({ db: handle.db, project, embedding: null });
  m = {
    ...(await import("./stream-project-chat")),
    ...(await import("./start-run-from-conversation")),
    ...(await import("@/db/queries/chat")),
  };
}, 120_000);
afterAll(async () => {
  const { closeAnalyzePool } = await import("@/lib/code-index/analyze-pool");
  await closeAnalyzePool();
  await receiver?.close();
  await handle?.close();
});

const conversationId = crypto.randomUUID();

describe("chat with a project", () => {
  it("streams an answer that searched the code and cites file:line, and stores both messages", async () => {
    const response = await m.streamProjectChat({
      db: handle.db,
      actor: person,
      project,
      conversationId,
      text: "How is the cart's total computed?",
    });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const events = await readStream(response);
    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining(["start", "tool-input-available", "tool-output-available", "text-delta", "finish"]),
    );
    const output = events.find((event) => event.type === "tool-output-available")!.output as {
      results: { location: string }[];
    };
    expect(output.results.map((result) => result.location)).toContain("src/cart.js:12-16");
    const text = events
      .filter((event) => event.type === "text-delta")
      .map((event) => event.delta)
      .join("");
    expect(text).toContain("src/cart.js:12-16");

    const stored = await m.getChatMessages({ db: handle.db, conversationId });
    expect(stored.map((message) => message.role)).toEqual(["user", "assistant"]);
    expect(stored[1]!.parts.map((part) => part.type)).toEqual(expect.arrayContaining(["tool-search_code", "text"]));
    expect(
      await m.getChatConversation({ db: handle.db, id: conversationId, projectId: project.id, userId: person.userId }),
    ).toMatchObject({ title: "How is the cart's total computed?", runId: null });
  });

  it("continues the conversation from what is stored, and keeps it the person's own", async () => {
    await readStream(
      await m.streamProjectChat({ db: handle.db, actor: person, project, conversationId, text: "And the discount?" }),
    );
    expect((await m.getChatMessages({ db: handle.db, conversationId })).map((message) => message.role)).toEqual([
      "user",
      "assistant",
      "user",
      "assistant",
    ]);
    await expect(
      m.streamProjectChat({ db: handle.db, actor: stranger, project, conversationId, text: "Let me in" }),
    ).rejects.toMatchObject({ code: "not_found:conversation" });
    expect(await m.getChatMessages({ db: handle.db, conversationId })).toHaveLength(4);
  });

  it("Do it: the conversation becomes a run that carries it", async () => {
    const run = await m.startRunFromConversation({
      db: handle.db,
      actor: person,
      project,
      conversationId,
      goal: "Show how many items are in the cart on the cart page",
    });
    expect(run).toMatchObject({ source: "dashboard", createdBy: person.userId, state: "queued" });
    expect(run.requirements).toContain("Person: How is the cart's total computed?");
    expect(run.requirements).toContain("Assistant: ");
    expect(run.requirements).toContain("src/cart.js:12-16");
    expect(receiver.events).toContainEqual(expect.objectContaining({ name: "run/requested" }));
    expect(
      await m.getChatConversation({ db: handle.db, id: conversationId, projectId: project.id, userId: person.userId }),
    ).toMatchObject({ runId: run.id });
    await expect(
      m.startRunFromConversation({ db: handle.db, actor: stranger, project, conversationId, goal: "Not mine" }),
    ).rejects.toMatchObject({ code: "not_found:conversation" });
  });
});
