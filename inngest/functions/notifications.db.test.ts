import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "@/inngest/local-engine/create-engine";
import { createManualClock, type ManualClock } from "@/inngest/local-engine/manual-clock";
import { openEngineStore } from "@/inngest/local-engine/store";
import type { DatabaseHandle } from "@/db/client";
import type { Project, Run, RunState, Team } from "@/db/schema";
import { waitFor } from "@/testing/local-engine/engine-client";
import { startTestApp, syncApp, type TestApp } from "@/testing/local-engine/test-app";
import { startSmtpServer } from "@/testing/notifications/start-smtp-server";
import { startWebhookReceiver } from "@/testing/notifications/start-webhook-receiver";

// Notifications end to end on the embedded engine (in this process, on a clock the test
// moves, so a day of retries takes no day): run state changes and failed validations become
// deliveries, signed webhooks verified by the `standardwebhooks` library, a Slack message,
// an email through a real SMTP server, retries until a receiver recovers, and a destination
// turned off after 24 hours of failures, with a notice in its admins' bell.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-notifications-"));
let clock: ManualClock;
let engine: Engine;
let app: TestApp;
let handle: DatabaseHandle;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let team: Team;
let project: Project;
let adminId: string;

// Imported once the environment points at the engine (modules read it when first loaded).
let lib: {
  transitionRun: typeof import("@/lib/runs/transition-run").transitionRun;
  createDestination: typeof import("@/lib/notifications/create-destination").createDestination;
  sendTestNotification: typeof import("@/lib/notifications/send-test-notification").sendTestNotification;
  resendDelivery: typeof import("@/lib/notifications/resend-delivery").resendDelivery;
  attemptDelivery: typeof import("@/lib/notifications/attempt-delivery").attemptDelivery;
  announceValidationCompleted: typeof import("@/lib/runs/announce-validation-completed").announceValidationCompleted;
  queries: typeof import("@/db/queries/notification-deliveries");
  destinations: typeof import("@/db/queries/notification-destinations");
  notices: typeof import("@/db/queries/team-notices");
  insertRun: typeof import("@/db/queries/runs").insertRun;
  upsertValidation: typeof import("@/db/queries/validations").upsertValidation;
  DELIVERY_RETRY_DELAYS_MS: readonly number[];
};

const actor = () => ({
  kind: "user" as const,
  userId: adminId,
  memberships: [{ teamId: team.id, role: "admin" as const }],
  ip: null,
});

async function newRun(goal = "Add removeItem to the cart"): Promise<Run> {
  return lib.insertRun({
    db: handle.db,
    values: {
      projectId: project.id,
      source: "dashboard",
      goal,
      baseBranch: "main",
      budget: { maxAttempts: 3, maxDollars: 5, maxMinutes: 60 },
    },
  });
}

async function moveRun(run: Run, states: RunState[], reason?: string): Promise<void> {
  for (const to of states) await lib.transitionRun({ db: handle.db, runId: run.id, to, reason });
}

const deliveriesOf = async (destinationId: string) =>
  (await lib.queries.getDeliveriesPage({ db: handle.db, destinationId, limit: 100 })).reverse();

/** Waits until the destination's deliveries are all in one of `statuses`, `count` of them. */
const deliveriesSettled = (destinationId: string, count: number, statuses: string[] = ["succeeded", "failed"]) =>
  waitFor(
    async () => {
      const log = await deliveriesOf(destinationId);
      return log.length === count && log.every((delivery) => statuses.includes(delivery.status)) ? log : undefined;
    },
    `${count} deliveries to be ${statuses.join(" or ")}`,
  );

/**
 * Moves the engine's clock by `ms` until `progressed` holds: a sleep is only scheduled once
 * the engine has the step before it back, so one move may come too early; moving again
 * fires the timer once it exists (each move fires at most the one pending sleep).
 */
async function advanceUntil(ms: number, progressed: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await progressed())) {
    if (Date.now() > deadline) throw new Error(`timed out moving the clock until ${what}`);
    clock.advance(ms);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

beforeAll(async () => {
  clock = createManualClock(Date.now());
  engine = await createEngine({
    port: 0,
    store: await openEngineStore({ memory: true }),
    clock,
    retryBaseMs: 50,
    retryMaxMs: 200,
  });
  smtp = await startSmtpServer();
  Object.assign(process.env, {
    MERGELINE_DATA_DIR: dir,
    INNGEST_DEV: "1",
    INNGEST_BASE_URL: engine.url,
    MERGELINE_ALLOW_PRIVATE_WEBHOOKS: "true",
    MERGELINE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
    MERGELINE_SMTP_URL: smtp.url,
    MERGELINE_PUBLIC_URL: "https://mergeline.example.com",
  });
  const { createTestDatabase } = await import("@/testing/database");
  const { setDatabaseHandle } = await import("@/db");
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
  const { inngest } = await import("@/lib/inngest/client");
  const { notifyRunEvent } = await import("@/inngest/functions/notify-run-event");
  const { deliverNotification } = await import("@/inngest/functions/deliver-notification");
  app = await startTestApp(inngest, [notifyRunEvent, deliverNotification]);
  await syncApp(app.url);

  lib = {
    transitionRun: (await import("@/lib/runs/transition-run")).transitionRun,
    createDestination: (await import("@/lib/notifications/create-destination")).createDestination,
    sendTestNotification: (await import("@/lib/notifications/send-test-notification")).sendTestNotification,
    resendDelivery: (await import("@/lib/notifications/resend-delivery")).resendDelivery,
    attemptDelivery: (await import("@/lib/notifications/attempt-delivery")).attemptDelivery,
    announceValidationCompleted: (await import("@/lib/runs/announce-validation-completed")).announceValidationCompleted,
    queries: await import("@/db/queries/notification-deliveries"),
    destinations: await import("@/db/queries/notification-destinations"),
    notices: await import("@/db/queries/team-notices"),
    insertRun: (await import("@/db/queries/runs")).insertRun,
    upsertValidation: (await import("@/db/queries/validations")).upsertValidation,
    DELIVERY_RETRY_DELAYS_MS: (await import("@/lib/notifications/retry-schedule")).DELIVERY_RETRY_DELAYS_MS,
  };
  const { createTeam } = await import("@/db/queries/teams");
  const { createProject } = await import("@/db/queries/projects");
  const { insertUserIfAbsent } = await import("@/db/queries/users");
  const { upsertTeamMember } = await import("@/db/queries/team-members");
  const { defaultProjectSettings } = await import("@/lib/projects/settings");
  team = await createTeam({ db: handle.db, name: "Notified", slug: "notified" });
  adminId = (await insertUserIfAbsent({ db: handle.db, values: { email: "admin@example.com" } }))!.id;
  await upsertTeamMember({ db: handle.db, teamId: team.id, userId: adminId, role: "admin" });
  project = await createProject({
    db: handle.db,
    values: {
      teamId: team.id,
      provider: "local",
      repository: "/repos/cart",
      name: "cart",
      settings: defaultProjectSettings(),
    },
  });
});

afterAll(async () => {
  await app?.close();
  await engine?.stop();
  await smtp?.close();
  await handle?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("notifications", () => {
  it("signs webhooks as Standard Webhooks: the receiver verifies them with the standardwebhooks library", async () => {
    let secret: string | undefined;
    const receiver = await startWebhookReceiver({ secret: () => secret });
    const created = await lib.createDestination({
      db: handle.db,
      actor: actor(),
      ip: null,
      teamId: team.id,
      input: {
        kind: "webhook",
        name: "CI hook",
        url: receiver.url,
        events: ["run.failed", "validation.failed"],
        projectIds: null,
      },
    });
    secret = created.secret ?? undefined;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const run = await newRun();
    await moveRun(run, ["planning", "coding"]);
    await lib.upsertValidation({
      db: handle.db,
      runId: run.id,
      attempt: 1,
      values: {
        status: "failed",
        summary: "1 failing test",
        tests: [
          {
            command: "npm test",
            exitCode: 1,
            durationMs: 900,
            output: "not ok 1 removes an item",
            evidence: {
              format: "tap",
              failing: [{ name: "removes an item" }],
              passing: [],
              problems: [],
              annotations: [],
            },
          },
        ],
      },
    });
    await lib.announceValidationCompleted({
      runId: run.id,
      projectId: project.id,
      attempt: 1,
      status: "failed",
      seq: 3,
    });
    await moveRun(run, ["failed"], "The tests kept failing");
    await waitFor(() => (receiver.processed.size === 2 ? true : undefined), "two webhooks");
    const log = await deliveriesSettled(created.destination.id, 2);

    expect(receiver.requests.every((request) => request.verified === true)).toBe(true);
    const bodies = receiver.requests.map((request) => JSON.parse(request.body));
    expect(bodies.map((body) => body.type).sort()).toEqual(["run.failed", "validation.failed"]);
    const failed = bodies.find((body) => body.type === "run.failed");
    expect(failed.data).toMatchObject({
      team: { id: team.id },
      project: { id: project.id, name: "cart" },
      run: {
        id: run.id,
        state: "failed",
        reason: "The tests kept failing",
        url: `https://mergeline.example.com/runs/${run.id}`,
      },
    });
    const validation = bodies.find((body) => body.type === "validation.failed");
    expect(validation.data.validation).toMatchObject({
      attempt: 1,
      status: "failed",
      failingTests: ["removes an item"],
    });
    // A receiver with another secret refuses the same request.
    const [first] = receiver.requests;
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 9).toString("base64")}`).verify(
        first!.body,
        first!.headers as Record<string, string>,
      ),
    ).toThrow();

    for (const delivery of log) {
      expect(delivery).toMatchObject({ status: "succeeded", attempts: 1, responseStatus: 200 });
      expect(delivery.latencyMs).toBeGreaterThanOrEqual(0);
      expect(receiver.processed.has(`msg_${delivery.id.replaceAll("-", "")}`)).toBe(true);
    }
    await receiver.close();
  });

  it("posts a readable Slack message: project, run, state and a link", async () => {
    const slack = await startWebhookReceiver();
    await lib.createDestination({
      db: handle.db,
      actor: actor(),
      ip: null,
      teamId: team.id,
      input: { kind: "slack", name: "#builds", url: slack.url, events: ["run.needs_human"], projectIds: [project.id] },
    });
    const run = await newRun("Fix the checkout total\nwith more detail below");
    await moveRun(run, ["planning", "needs_human"], "The budget of 3 attempts is spent");
    await waitFor(() => slack.requests[0], "the Slack message");
    const message = JSON.parse(slack.requests[0]!.body);
    expect(message.text).toBe('Needs a person: "Fix the checkout total" in cart: The budget of 3 attempts is spent');
    const blocks = JSON.stringify(message.blocks);
    expect(blocks).toContain("*Project:* cart");
    expect(blocks).toContain(`<https://mergeline.example.com/runs/${run.id}|Fix the checkout total>`);
    expect(blocks).toContain("*State:* needs a person");
    await slack.close();
  });

  it("emails the listed addresses through the SMTP server", async () => {
    const { createDestinationInput } = await import("@/lib/notifications/destination-input");
    await lib.createDestination({
      db: handle.db,
      actor: actor(),
      ip: null,
      teamId: team.id,
      input: createDestinationInput.parse({
        kind: "email",
        name: "Leads",
        to: ["lead@example.com", "Ops@Example.com", "lead@example.com"],
        events: ["run.merged"],
      }),
    });
    const run = await newRun("Ship the discount banner");
    await moveRun(run, ["planning", "coding", "pr_open", "merged"]);
    await waitFor(() => smtp.messages[0], "the email");
    const [mail] = smtp.messages;
    expect(mail!.to.sort()).toEqual(["lead@example.com", "ops@example.com"]);
    expect(mail!.raw).toMatch(/^Subject: =\?UTF-8\?Q\?=5BMergeline=5D_Merged/m);
    expect(mail!.raw).toMatch(/\r\nMerged: "Ship the discount banner" in cart\r\n/);
    expect(mail!.raw).toContain(`https://mergeline.example.com/runs/${run.id}`);
  });

  it("retries a receiver answering 500 once it recovers: none lost, none duplicated", async () => {
    let secret: string | undefined;
    // Every message fails its first time, then succeeds.
    const receiver = await startWebhookReceiver({
      secret: () => secret,
      respond: ({ seen }) => (seen === 0 ? 500 : 200),
    });
    const created = await lib.createDestination({
      db: handle.db,
      actor: actor(),
      ip: null,
      teamId: team.id,
      input: { kind: "webhook", name: "Flaky", url: receiver.url, events: ["run.plan_proposed"], projectIds: null },
    });
    secret = created.secret ?? undefined;
    const runs = await Promise.all([1, 2, 3, 4, 5].map((n) => newRun(`Flaky ${n}`)));
    for (const run of runs) await moveRun(run, ["planning", "awaiting_approval"]);
    await waitFor(() => (receiver.requests.length === 5 ? true : undefined), "five first attempts");
    expect(receiver.processed.size).toBe(0);
    const retrying = await deliveriesSettled(created.destination.id, 5, ["retrying"]);
    expect(retrying.every((delivery) => delivery.responseStatus === 500)).toBe(true);

    await advanceUntil(lib.DELIVERY_RETRY_DELAYS_MS[0]!, async () => receiver.processed.size === 5, "five retries");
    await deliveriesSettled(created.destination.id, 5);
    const ids = receiver.requests.map((request) => request.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(5);
    for (const id of new Set(ids)) expect(ids.filter((seen) => seen === id)).toHaveLength(2);
    expect(receiver.requests.every((request) => request.verified)).toBe(true);
    const done = await deliveriesOf(created.destination.id);
    expect(done.map((delivery) => [delivery.status, delivery.attempts])).toEqual(Array(5).fill(["succeeded", 2]));
    expect(new Set(done.map((delivery) => delivery.runId))).toEqual(new Set(runs.map((run) => run.id)));
    const attempts = await lib.queries.getDeliveryAttempts({ db: handle.db, deliveryId: done[0]!.id });
    expect(attempts.map((attempt) => [attempt.attempt, attempt.succeeded, attempt.responseStatus])).toEqual([
      [1, false, 500],
      [2, true, 200],
    ]);

    // Resend: the same message (same webhook-id) once more, logged as a third attempt.
    await lib.resendDelivery({
      db: handle.db,
      actor: actor(),
      ip: null,
      delivery: (await lib.queries.getDelivery({ db: handle.db, id: done[0]!.id }))!,
    });
    await waitFor(() => (receiver.requests.length === 11 ? true : undefined), "the resend");
    expect(receiver.requests.at(-1)!.headers["webhook-id"]).toBe(`msg_${done[0]!.id.replaceAll("-", "")}`);
    await waitFor(
      async () =>
        (await lib.queries.getDelivery({ db: handle.db, id: done[0]!.id }))?.status === "succeeded" ? true : undefined,
      "the resend to be logged",
    );
    expect((await lib.queries.getDelivery({ db: handle.db, id: done[0]!.id }))?.attempts).toBe(3);
    await receiver.close();
  });

  it("refuses a private address at delivery unless allowed, after resolving it", async () => {
    const receiver = await startWebhookReceiver();
    const created = await lib.createDestination({
      db: handle.db,
      actor: actor(),
      ip: null,
      teamId: team.id,
      input: {
        kind: "webhook",
        name: "Private",
        url: receiver.url.replace("127.0.0.1", "localhost"),
        events: ["run.failed"],
        projectIds: null,
      },
    });
    const delivery = (
      await lib.queries.insertDeliveries({
        db: handle.db,
        rows: [
          {
            destinationId: created.destination.id,
            teamId: team.id,
            eventType: "run.failed",
            sourceKey: "private-test",
            payload: {},
          },
        ],
      })
    )[0]!;
    const result = await lib.attemptDelivery({ db: handle.db, deliveryId: delivery.id, index: 1, allowPrivate: false });
    expect(result).toMatchObject({ succeeded: false, finished: false, status: null });
    expect(result.error).toMatch(/localhost resolves to (127\.0\.0\.1|::1), a private, loopback or link-local address/);
    expect(receiver.requests).toHaveLength(0);
    await receiver.close();
  });

  it("turns a destination off after 24 hours of failures and tells the team's admins in the bell", async () => {
    const receiver = await startWebhookReceiver({ respond: () => 503 });
    const created = await lib.createDestination({
      db: handle.db,
      actor: actor(),
      ip: null,
      teamId: team.id,
      input: { kind: "webhook", name: "Down for a day", url: receiver.url, events: ["run.failed"], projectIds: null },
    });
    const run = await newRun("Doomed");
    await moveRun(run, ["planning", "failed"], "No way");
    const logged = async (attempts: number) => {
      const [delivery] = await deliveriesOf(created.destination.id);
      return delivery?.attempts === attempts && delivery.status !== "pending" && receiver.requests.length === attempts;
    };
    await waitFor(async () => ((await logged(1)) ? true : undefined), "the first attempt");
    for (const [index, delay] of lib.DELIVERY_RETRY_DELAYS_MS.entries())
      await advanceUntil(delay, () => logged(index + 2), `attempt ${index + 2}`);
    const attempts = lib.DELIVERY_RETRY_DELAYS_MS.length + 1;
    await deliveriesSettled(created.destination.id, 1, ["failed"]);
    expect(receiver.requests).toHaveLength(attempts);
    expect((await deliveriesOf(created.destination.id))[0]).toMatchObject({ attempts, responseStatus: 503 });
    expect(lib.DELIVERY_RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0)).toBe(24 * 3600_000);

    const destination = await lib.destinations.getNotificationDestination({
      db: handle.db,
      id: created.destination.id,
    });
    expect(destination).toMatchObject({ enabled: false, disabledReason: "Every delivery failed for 24 hours" });
    // Earlier tests' destinations whose receivers are gone failed the same day long: off too.
    const bell = await lib.notices.getTeamNoticesForUser({ db: handle.db, userId: adminId, teamIds: [team.id] });
    expect(bell.unreadCount).toBe(bell.items.length);
    expect(bell.items.find((item) => item.title.includes('"Down for a day"'))).toMatchObject({
      title: 'Notifications to "Down for a day" were turned off: every delivery failed for 24 hours',
      href: `/settings/notifications?team=${team.id}`,
      read: false,
    });
    expect(await lib.notices.markTeamNoticesRead({ db: handle.db, userId: adminId, teamIds: [team.id] })).toBe(
      bell.items.length,
    );
    expect(
      (await lib.notices.getTeamNoticesForUser({ db: handle.db, userId: adminId, teamIds: [team.id] })).unreadCount,
    ).toBe(0);

    // A turned-off destination gets nothing more, but "Send test" still reaches it.
    await moveRun(await newRun("Also doomed"), ["planning", "failed"]);
    await lib.sendTestNotification({ db: handle.db, actor: actor(), ip: null, destination: destination! });
    await waitFor(() => (receiver.requests.length === attempts + 1 ? true : undefined), "the test");
    expect(JSON.parse(receiver.requests.at(-1)!.body)).toMatchObject({ type: "notification.test" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.requests).toHaveLength(attempts + 1);
    await receiver.close();
  });
});
