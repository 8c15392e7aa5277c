import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { sign } from "@octokit/webhooks-methods";
import examples from "@octokit/webhooks-examples";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { forwardedPayloads } from "@/lib/intake/github/webhooks/forwarded-events";
import { examplePayload } from "@/testing/webhooks/example-payload";
import { startEventReceiver } from "@/testing/webhooks/start-event-receiver";

// POST /api/github/webhooks as the app server answers it (lib/intake/app-request-handler.ts
// on node:http, over real HTTP) and as the Next.js route handler does (real Requests), with
// a real database, the webhook journal in a temporary data dir, and a real Inngest event
// intake (an Inngest-protocol receiver on loopback): every example payload GitHub
// documents, signed like GitHub signs them. Events reach Inngest behind the 202, so the
// tests wait for the outbox to drain before looking at what the intake got.

const secret = "webhook-secret-for-tests-0123456789";
// The events Mergeline acts on, written out here independently of the implementation.
const actedOn = new Set([
  "github/installation.created",
  "github/installation.deleted",
  "github/installation.suspend",
  "github/installation.unsuspend",
  "github/installation_repositories.added",
  "github/installation_repositories.removed",
  "github/issues.labeled",
  "github/issue_comment.created",
  "github/pull_request.closed",
  "github/pull_request.opened",
  "github/pull_request.synchronize",
  "github/pull_request.reopened",
  "github/check_run.created",
  "github/check_run.completed",
  "github/check_suite.completed",
  "github/status",
  "github/pull_request_review.submitted",
  "github/pull_request_review_comment.created",
  "github/push",
]);
// Pushes are acted on only when they move the default branch (the code index follows it).
const isActedOn = (name: string, payload: Record<string, unknown>) => {
  if (!actedOn.has(name)) return false;
  if (name !== "github/push") return true;
  const repository = payload.repository as { default_branch?: string };
  return payload.ref === `refs/heads/${repository.default_branch}` && payload.deleted !== true;
};

let receiver: Awaited<ReturnType<typeof startEventReceiver>>;
let dataDir: string;
let closeOutbox: (() => Promise<void>) | undefined;
let handle: DatabaseHandle;
let POST: (request: Request) => Promise<Response>;
let schema: typeof import("@/db/schema");
let server: Server;
let serverUrl: string;
let outbox: import("@/lib/intake/github/webhooks/create-webhook-dependencies").WebhookOutbox;
/** Waits until the outbox has handed every accepted delivery to Inngest (it sends behind the 202). */
const sent = () => outbox.drained();

const targets = {
  "the app server": (init: RequestInit) => fetch(`${serverUrl}/api/github/webhooks`, init),
  "the Next.js route handler": (init: RequestInit) =>
    POST(new Request("http://127.0.0.1:3000/api/github/webhooks", init)),
};
let post: (init: RequestInit) => Promise<Response>;

type Delivery = {
  event: string;
  payload: unknown;
  id?: string;
  body?: string;
  signature?: string | null;
  headers?: Record<string, string>;
};

async function deliver({
  event,
  payload,
  id = randomUUID(),
  body,
  signature,
  headers = {},
}: Delivery): Promise<Response> {
  const raw = body ?? JSON.stringify(payload);
  const sig = signature === undefined ? await sign(secret, raw) : signature;
  const all = new Headers({
    "content-type": "application/json",
    "x-github-event": event,
    "x-github-delivery": id,
    "user-agent": "GitHub-Hookshot/test",
    ...headers,
  });
  if (sig !== null) all.set("x-hub-signature-256", sig);
  return post({ method: "POST", headers: all, body: raw });
}

const deliveries = async () => handle.db.select().from(schema.webhookDeliveries);

/** A delivery whose content-length is over 25 MB (its body is not): the answer's status. */
async function postDeclaringTooMuch(target: keyof typeof targets): Promise<number> {
  const headers = {
    "content-length": String(25 * 1024 * 1024 + 1),
    "x-github-event": "push",
    "x-github-delivery": randomUUID(),
    "x-hub-signature-256": "sha256=00",
  };
  // fetch will not send a content-length that is not the body's, so the socket gets it from node:http.
  if (target === "the Next.js route handler")
    return (
      await POST(new Request("http://127.0.0.1:3000/api/github/webhooks", { method: "POST", headers, body: "{}" }))
    ).status;
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${serverUrl}/api/github/webhooks`, { method: "POST", headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.write("{}");
  });
}

beforeAll(async () => {
  receiver = await startEventReceiver();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-webhooks-"));
  Object.assign(process.env, {
    INNGEST_DEV: "1",
    INNGEST_BASE_URL: receiver.url,
    GITHUB_WEBHOOK_SECRET: secret,
    LOG_LEVEL: "silent",
    MERGELINE_DATA_DIR: dataDir,
  });
  const { createTestDatabase } = await import("@/testing/database");
  const { setDatabaseHandle } = await import("@/db");
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
  schema = await import("@/db/schema");
  ({ POST } = await import("./route"));
  const { createAppRequestHandler } = await import("@/lib/intake/app-request-handler");
  server = createServer(createAppRequestHandler((_req, res) => res.writeHead(404).end()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { defaultWebhookDependencies, closeDefaultWebhookDependencies } = await import(
    "@/lib/intake/github/webhooks/default-webhook-dependencies"
  );
  outbox = defaultWebhookDependencies();
  closeOutbox = closeDefaultWebhookDependencies;
}, 60_000);
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await closeOutbox?.();
  fs.rmSync(dataDir, { recursive: true, force: true });
  await handle?.close();
  await receiver?.close();
});
beforeEach(() => {
  receiver.events.length = 0;
});

describe.each(Object.keys(targets) as (keyof typeof targets)[])("POST /api/github/webhooks through %s", (target) => {
  beforeAll(() => {
    post = targets[target];
  });

  it("answers every documented GitHub payload with 202 and hands each one Mergeline acts on to Inngest", async () => {
    const all = examples.flatMap((group) =>
      group.examples.map((payload) => ({ event: group.name, payload: payload as Record<string, unknown> })),
    );
    expect(all.length).toBe(329);
    const recordedBefore = (await deliveries()).length;
    const seen = new Set<string>();
    const bytes = { payloads: 0, sent: 0 };
    for (const { event, payload } of all) {
      const id = randomUUID();
      const before = receiver.events.length;
      const response = await deliver({ event, payload, id });
      const action = typeof payload.action === "string" ? payload.action : undefined;
      const name = action ? `github/${event}.${action}` : `github/${event}`;
      expect(response.status, `${name} answered ${response.status}`).toBe(202);
      await sent();
      const events = receiver.events.slice(before);
      if (isActedOn(name, payload)) {
        seen.add(name);
        const installation = payload.installation as { id: number } | undefined;
        expect(events).toEqual([
          {
            name,
            id: `github-${id}`,
            data: {
              deliveryId: id,
              ...(installation ? { installationId: installation.id } : {}),
              payload: expect.any(Object),
            },
            ts: expect.any(Number),
          },
        ]);
        // What goes on is GitHub's payload cut down to what the handler reads, and that it can read.
        const sent = events[0]!.data.payload as Record<string, unknown>;
        expect(payload).toMatchObject(sent);
        expect(sent.action).toBe(action);
        expect(forwardedPayloads.get(name)!.safeParse(sent).success).toBe(true);
        bytes.payloads += JSON.stringify(payload).length;
        bytes.sent += JSON.stringify(sent).length;
      } else {
        expect(events, `${name} should not be sent`).toEqual([]);
      }
    }
    // Not GitHub's URLs and repository details: a few percent of the bytes.
    expect(bytes.sent / bytes.payloads).toBeLessThan(0.1);
    // Every event Mergeline acts on has an example, so each was checked above.
    expect([...seen].sort()).toEqual([...actedOn].sort());
    // Only deliveries Mergeline acts on are recorded for deduplication.
    expect((await deliveries()).length - recordedBefore).toBe(
      all.filter(({ event, payload }) =>
        isActedOn(
          typeof payload.action === "string" ? `github/${event}.${payload.action}` : `github/${event}`,
          payload,
        ),
      ).length,
    );
  }, 120_000);

  it("refuses a wrong or missing signature with 401 and stores and sends nothing", async () => {
    const rowsBefore = (await deliveries()).length;
    const payload = { action: "labeled", issue: { number: 1 }, installation: { id: 42 } };
    const wrongSecret = await sign("another-secret", JSON.stringify(payload));
    const otherBody = await sign(secret, JSON.stringify({ ...payload, action: "opened" }));
    for (const signature of [wrongSecret, otherBody, null, "", "sha256=00", "sha1=abcdef"]) {
      const response = await deliver({ event: "issues", payload, signature });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: "unauthorized:signature" } });
    }
    expect((await deliveries()).length).toBe(rowsBefore);
    await sent();
    expect(receiver.events).toEqual([]);
  });

  it("does nothing for a redelivery", async () => {
    const id = randomUUID();
    const payload = examplePayload("issues", "labeled", { label: { name: "mergeline" }, installation: { id: 5 } });
    const first = await deliver({ event: "issues", payload, id });
    expect(first.status).toBe(202);
    expect(await first.json()).toMatchObject({ deliveryId: id, event: "github/issues.labeled", forwarded: true });
    const again = await deliver({ event: "issues", payload, id });
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ deliveryId: id, duplicate: true });
    await sent();
    expect(receiver.events).toHaveLength(1);
    expect((await deliveries()).filter((row) => row.deliveryId === id)).toEqual([
      expect.objectContaining({ event: "issues", action: "labeled", githubInstallationId: 5, status: "enqueued" }),
    ]);
  });

  it("forwards one of two copies of a delivery that arrive at the same moment", async () => {
    const id = randomUUID();
    const payload = examplePayload("check_run", "completed", { installation: { id: 6 } });
    const answers = await Promise.all([
      deliver({ event: "check_run", payload, id }),
      deliver({ event: "check_run", payload, id }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([202, 202]);
    const bodies = await Promise.all(answers.map((answer) => answer.json()));
    expect(bodies.filter((body) => body.duplicate === true)).toHaveLength(1);
    await sent();
    expect(receiver.events.map((event) => event.id)).toEqual([`github-${id}`]);
  });

  it("refuses bodies over 25 MB with 413, by declared length and while streaming", async () => {
    const rowsBefore = (await deliveries()).length;
    const declared = await postDeclaringTooMuch(target);
    expect(declared).toBe(413);

    let pulled = 0;
    const chunk = new Uint8Array(1024 * 1024).fill(32);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 100) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const streamed = await post({
      method: "POST",
      headers: { "x-github-event": "push", "x-github-delivery": randomUUID(), "x-hub-signature-256": "sha256=00" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toMatchObject({ error: { code: "payload_too_large:webhook" } });
    // 25 MB read, then what socket buffers held when reading stopped: far from all 100 MB.
    expect(pulled).toBeLessThan(40);
    expect((await deliveries()).length).toBe(rowsBefore);
  });

  it("refuses a signed body without GitHub's headers, or that is not JSON, with 400", async () => {
    const payload = { action: "created" };
    expect((await deliver({ event: "Not An Event", payload })).status).toBe(400);
    expect((await deliver({ event: "issues", payload, id: "../../etc" })).status).toBe(400);
    expect((await deliver({ event: "issues", payload: null, body: "not json" })).status).toBe(400);
    expect((await deliver({ event: "issues", payload: null, body: "[1,2]" })).status).toBe(400);
    await sent();
    expect(receiver.events).toEqual([]);
  });

  it("reads the action GitHub writes first: an action nothing acts on is answered unparsed, any other is parsed", async () => {
    const rowsBefore = (await deliveries()).length;
    // pull_request.edited starts nothing: answered from the action alone, the rest unread.
    const edited = await deliver({ event: "pull_request", payload: null, body: '{"action":"edited","number":1,' });
    expect(edited.status).toBe(202);
    expect(await edited.json()).toMatchObject({ event: "github/pull_request.edited", forwarded: false });
    // pull_request.closed ends runs: parsed, so a broken body is refused.
    expect(
      (await deliver({ event: "pull_request", payload: null, body: '{"action":"closed","number":1,' })).status,
    ).toBe(400);
    // Whatever the body starts with, the parsed action decides.
    const { action, ...labeled } = examplePayload("issues", "labeled");
    const late = await deliver({ event: "issues", payload: { ...labeled, action } });
    expect(await late.json()).toMatchObject({ event: "github/issues.labeled", forwarded: true });
    await sent();
    expect(receiver.events.map((event) => event.name)).toEqual(["github/issues.labeled"]);
    expect((await deliveries()).length).toBe(rowsBefore + 1);
  });

  it("acknowledges, and neither records nor sends, a payload that lacks what Mergeline reads", async () => {
    const rowsBefore = (await deliveries()).length;
    const response = await deliver({
      event: "issues",
      payload: { action: "labeled", issue: { number: 1 }, installation: { id: 42 } },
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({
      event: "github/issues.labeled",
      forwarded: false,
      ignored: expect.stringContaining("issue.id"),
    });
    await sent();
    expect(receiver.events).toEqual([]);
    expect((await deliveries()).length).toBe(rowsBefore);
  });

  it("accepts deliveries while the engine is down and hands them over once it is back", async () => {
    const id = randomUUID();
    const payload = examplePayload("issue_comment", "created", { installation: { id: 9 } });
    receiver.setFailing(true);
    try {
      const accepted = await deliver({ event: "issue_comment", payload, id });
      expect(accepted.status).toBe(202);
      expect(await accepted.json()).toMatchObject({ deliveryId: id, forwarded: true });
      await expect.poll(() => receiver.refused()).toBeGreaterThan(0);
      expect(receiver.events).toEqual([]);
      expect((await deliveries()).find((row) => row.deliveryId === id)?.status).not.toBe("enqueued");
    } finally {
      receiver.setFailing(false);
    }
    await sent();
    expect(receiver.events.map((event) => event.id)).toEqual([`github-${id}`]);
    expect((await deliveries()).find((row) => row.deliveryId === id)?.status).toBe("enqueued");
    // A redelivery of it now changes nothing.
    expect(await (await deliver({ event: "issue_comment", payload, id })).json()).toEqual({
      deliveryId: id,
      duplicate: true,
    });
  }, 60_000);

  it("answers 503 with a clear error when no webhook secret is configured", async () => {
    const { handleGithubWebhook } = await import("@/lib/intake/github/webhooks/handle-github-webhook");
    const response = await handleGithubWebhook(
      new Request("http://127.0.0.1/api/github/webhooks", { method: "POST", body: "{}" }),
      {
        secret: undefined,
        accept: async () => true,
      },
    );
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: { code: "unavailable:github_webhooks", message: expect.stringContaining("GITHUB_WEBHOOK_SECRET") },
    });
  });
});
