import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { listAuditLog } from "@/lib/audit";
import { notificationPayloadSchema } from "@/lib/notifications/notification-payload";
import { type ApiFixture, createApiFixture, snapshotDomain } from "@/testing/api/api-fixture";
import { callJson } from "@/testing/api/call-api";

// Notification destinations over REST: a webhook's secret shown once and stored encrypted,
// a Slack URL never shown again, private targets refused when saved, bad input refused
// with a 400 naming the field and nothing changed, and the payloads documented.

vi.hoisted(() => {
  vi.stubEnv("MERGELINE_ENCRYPTION_KEY", Buffer.alloc(32, 3).toString("base64"));
  vi.stubEnv("RATE_LIMIT_WRITE_MAX", "1000000");
});

let handle: DatabaseHandle;
let f: ApiFixture;

beforeAll(async () => {
  const { createTestDatabase } = await import("@/testing/database");
  const { setDatabaseHandle } = await import("@/db");
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
  f = await createApiFixture(handle.db);
});
afterAll(() => handle?.close());

type Destination = { id: string; kind: string; url: string | null; events: string[]; enabled: boolean };
type Created = { destination: Destination; secret: string | null };
const publicUrl = "https://93.184.215.14/hooks/mergeline?token=abc";

describe("notification destinations over REST", () => {
  it("creates a webhook whose secret is shown once and stored only sealed", async () => {
    const created = await callJson<Created>("POST", "/notification-destinations", {
      token: f.tokens.admin,
      body: { kind: "webhook", name: "Deploy bot", url: publicUrl, events: ["run.merged", "run.merged", "run.failed"] },
    });
    expect(created.status).toBe(201);
    expect(created.json.destination).toMatchObject({ kind: "webhook", url: publicUrl, enabled: true });
    expect(created.json.destination.events).toEqual(["run.merged", "run.failed"]);
    const secret = created.json.secret!;
    expect(secret).toMatch(/^whsec_/);

    const listed = await callJson<{ data: Destination[] }>("GET", "/notification-destinations", {
      token: f.tokens.admin,
    });
    expect(listed.json.data.map((destination) => destination.id)).toContain(created.json.destination.id);
    const rows = JSON.stringify(await handle.db.execute(sql`select * from notification_destinations`));
    for (const text of [JSON.stringify(listed.json), rows]) expect(text).not.toContain(secret.slice(6));
    const audit = await listAuditLog({ db: handle.db, teamId: f.team.id });
    expect(audit.entries.map((entry) => entry.action)).toContain("notification_destination.created");
    expect(JSON.stringify(audit)).not.toContain(secret.slice(6));

    const rotated = await callJson<Created>(
      "POST",
      `/notification-destinations/${created.json.destination.id}/secret`,
      {
        token: f.tokens.admin,
      },
    );
    expect(rotated.status).toBe(200);
    expect(rotated.json.secret).toMatch(/^whsec_/);
    expect(rotated.json.secret).not.toBe(secret);
  });

  it("keeps a Slack URL as a credential: a hint is all that is shown", async () => {
    const url = "https://93.184.215.14/services/T0001/B0002/XyZsecretToken1234";
    const created = await callJson<Created>("POST", "/notification-destinations", {
      token: f.tokens.admin,
      body: { kind: "slack", name: "#deploys", url, events: ["run.needs_human"], projectIds: [f.project.id] },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ secret: null, destination: { url: "https://93.184.215.14/…1234" } });
    const got = await callJson<Destination>("GET", `/notification-destinations/${created.json.destination.id}`, {
      token: f.tokens.admin,
    });
    expect(JSON.stringify(got.json)).not.toContain("XyZsecretToken");
    const rows = JSON.stringify(await handle.db.execute(sql`select * from notification_destinations`));
    expect(rows).not.toContain("XyZsecretToken");
  });

  it.each([
    ["http://127.0.0.1:8080/hook", "127.0.0.1 is a private"],
    ["http://localhost/hook", "localhost resolves to"],
    ["http://169.254.169.254/latest/meta-data", "169.254.169.254 is a private"],
    ["http://[::1]/hook", "::1 is a private"],
    ["http://10.1.2.3/hook", "10.1.2.3 is a private"],
    ["http://0x7f.1/hook", "127.0.0.1 is a private"],
    ["ftp://example.com/hook", "Expected an http:// or https:// URL"],
  ])("refuses %s when saved, changing nothing", async (url, message) => {
    const before = await snapshotDomain(handle.db);
    const answer = await callJson<{ error: { code: string; message: string } }>("POST", "/notification-destinations", {
      token: f.tokens.admin,
      body: { kind: "webhook", name: "Inside", url, events: ["run.failed"] },
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe("bad_request:url");
    expect(answer.json.error.message).toContain(message);
    expect(await snapshotDomain(handle.db)).toBe(before);
  });

  it.each([
    [{ kind: "webhook", name: "x", url: publicUrl, events: [] }, "bad_request:events"],
    [{ kind: "webhook", name: "x", url: publicUrl, events: ["run.exploded"] }, "bad_request:events.0"],
    [{ kind: "webhook", name: "", url: publicUrl, events: ["run.failed"] }, "bad_request:name"],
    [{ kind: "pager", name: "x", events: ["run.failed"] }, "bad_request:kind"],
    [{ kind: "email", name: "x", to: ["a@example.com"], events: ["run.failed"] }, "bad_request:kind"],
    [{ kind: "email", name: "x", to: ["not an address"], events: ["run.failed"] }, "bad_request:to.0"],
    [{ kind: "webhook", name: "x", url: publicUrl, events: ["run.failed"], to: ["a@example.com"] }, "bad_request:to"],
    [
      {
        kind: "webhook",
        name: "x",
        url: publicUrl,
        events: ["run.failed"],
        projectIds: ["00000000-0000-4000-8000-000000000000"],
      },
      "bad_request:projectIds",
    ],
  ])("refuses %j with a 400 naming the field", async (body, code) => {
    const before = await snapshotDomain(handle.db);
    const answer = await callJson<{ error: { code: string } }>("POST", "/notification-destinations", {
      token: f.tokens.admin,
      body,
    });
    expect({ status: answer.status, code: answer.json.error.code }).toEqual({ status: 400, code });
    expect(await snapshotDomain(handle.db)).toBe(before);
  });

  it("turns a destination off and on, and refuses changes that do not fit its kind", async () => {
    const id = f.notificationDestination.id;
    const off = await callJson<Destination & { disabledReason: string }>("PATCH", `/notification-destinations/${id}`, {
      token: f.tokens.admin,
      body: { enabled: false },
    });
    expect(off.json).toMatchObject({ enabled: false, disabledReason: "Turned off by a person" });
    const on = await callJson<Destination>("PATCH", `/notification-destinations/${id}`, {
      token: f.tokens.admin,
      body: { enabled: true },
    });
    expect(on.json).toMatchObject({ enabled: true, disabledReason: null });
    for (const [body, code] of [
      [{}, "bad_request:body"],
      [{ to: ["a@example.com"] }, "bad_request:to"],
      [{ url: "http://127.0.0.1/x" }, "bad_request:url"],
      [{ enabled: "yes" }, "bad_request:enabled"],
    ] as const) {
      const answer = await callJson<{ error: { code: string } }>("PATCH", `/notification-destinations/${id}`, {
        token: f.tokens.admin,
        body,
      });
      expect({ body, status: answer.status, code: answer.json.error.code }).toEqual({ body, status: 400, code });
    }
    const secret = await callJson<{ error: { code: string } }>("POST", `/notification-destinations/${id}/secret`, {
      token: f.tokens.admin,
    });
    expect(secret.status).toBe(200);
  });

  it("documents every event's payload in the webhooks section, with examples that match it", async () => {
    const { json } = await callJson<{
      webhooks: Record<
        string,
        {
          post: {
            parameters: { name: string }[];
            requestBody: { content: Record<string, { examples: Record<string, { value: unknown }> }> };
          };
        }
      >;
    }>("GET", "/openapi.json");
    expect(Object.keys(json.webhooks).sort()).toEqual([
      "notification.test",
      "run.failed",
      "run.merged",
      "run.needs_human",
      "run.plan_proposed",
      "run.pr_opened",
      "validation.failed",
    ]);
    for (const [type, { post }] of Object.entries(json.webhooks)) {
      expect(post.parameters.map((parameter) => parameter.name)).toEqual([
        "webhook-id",
        "webhook-timestamp",
        "webhook-signature",
      ]);
      const example = post.requestBody.content["application/json"]!.examples[type]!.value;
      expect(notificationPayloadSchema.parse(example)).toMatchObject({ type });
    }
  });
});
