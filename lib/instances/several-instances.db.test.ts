import { randomUUID } from "node:crypto";
import { sign } from "@octokit/webhooks-methods";
import { type Browser, chromium, type Page } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INSTANCE_HEADER, SIDECAR_COOKIE } from "@/testing/cluster/balancing-proxy";
import { descendsFrom, processesWith } from "@/testing/cluster/process-running";
import { examplePayload } from "@/testing/webhooks/example-payload";
import { type Cluster, startCluster } from "@/testing/cluster/start-cluster";
import { killStorm, stormEnv } from "@/testing/faults/kill-storm";
import { callProduct, checkRuns, createProjects, type StormProduct, startRun } from "@/testing/faults/product-runs";

// Mergeline as a deployment runs it: two app servers and two realtime sidecars on one
// Postgres (a throwaway cluster) behind a balancing proxy, one embedded engine calling the
// apps through the proxy, every process real (testing/cluster). Cancels cross instances
// through the command channel, browsers on either sidecar see the same events, runs spread
// over both instances end once each, a GitHub delivery sent to both is taken once, and the
// engine kill storm of the faults test passes.
// It starts its own Postgres, so CI runs it once (in the PGlite pass).

const admin = { email: "cluster-admin@mergeline.local", password: "cluster correct horse battery staple" };
const webhookSecret = "cluster-webhook-secret-0123456789";
const signingKey = `signkey-cluster-${"5e".repeat(32)}`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"];

async function until<T>(read: () => Promise<T> | T, ok: (value: T) => boolean, timeoutMs: number): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; await pause(200)) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
  }
}

describe.skipIf(Boolean(process.env.DATABASE_URL))("several instances on one Postgres", () => {
  let cluster: Cluster;
  let product: StormProduct;
  let browser: Browser;

  beforeAll(async () => {
    cluster = await startCluster({
      env: (dir) => ({
        ...stormEnv(dir),
        MERGELINE_ADMIN_EMAIL: admin.email,
        MERGELINE_ADMIN_PASSWORD: admin.password,
        GITHUB_WEBHOOK_SECRET: webhookSecret,
        INNGEST_SIGNING_KEY: signingKey,
      }),
    });
    product = { ...cluster, stop: cluster.stop, close: cluster.close };
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args });
  }, 900_000);
  afterAll(async () => {
    await browser?.close();
    await cluster?.close();
  }, 60_000);

  /** A signed-in page whose realtime connection goes to one sidecar. */
  async function pageOnSidecar(index: number): Promise<Page> {
    const context = await browser.newContext({ baseURL: cluster.baseUrl });
    await context.addCookies([{ name: SIDECAR_COOKIE, value: String(index), url: cluster.baseUrl }]);
    const page = await context.newPage();
    await page.goto("/signin");
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(`${cluster.baseUrl}/`, { timeout: 60_000 });
    return page;
  }

  it("migrated once from two instances starting together; each reports itself, Postgres and the channel", async () => {
    for (const app of cluster.apps) {
      const health = await (await fetch(`http://127.0.0.1:${app.port}/api/health`)).json();
      expect(health).toMatchObject({
        status: "ok",
        instance: {
          id: app.name,
          database: "postgres",
          realtime: "postgres",
          inngest: "embedded",
          commandChannel: { kind: "postgres", listening: true },
        },
      });
    }
    const projects = await callProduct<{ data: Array<{ name: string }> }>(cluster, "GET", "/projects");
    expect(projects.data.filter((project) => project.name === "demo-cart")).toHaveLength(1);
  });

  it("a run started through one instance and cancelled through the other stops its commands; browsers on both sidecars see it", async () => {
    const marker = `cluster-cancel-${Date.now()}`;
    const [projectId] = await createProjects(product, 1, { testCommands: [`sleep 600 && echo ${marker}`] });
    const first = cluster.apps[0]!;
    const runId = await startRun(product, projectId!, "Write a note, then run a long test", {
      [INSTANCE_HEADER]: first.name,
    });
    const pages = [await pageOnSidecar(0), await pageOnSidecar(1)];
    const cards = pages.map((page) =>
      page.locator('[data-testid="active-run"]').filter({ has: page.locator(`a[href="/runs/${runId}"]`) }),
    );

    // The test command runs in whichever instance the engine's call landed on.
    const running = await until(
      () => processesWith(marker),
      (pids) => pids.length > 0,
      180_000,
    );
    expect(running.length).toBeGreaterThan(0);
    const appPids = Object.fromEntries(cluster.apps.map((app) => [app.name, app.process().pid!]));
    const owner = descendsFrom(running[0]!, appPids);
    expect(owner).not.toBeNull();
    const other = cluster.apps.find((app) => app.name !== owner)!;
    for (const card of cards) {
      await card.waitFor({ timeout: 60_000 });
      expect(await card.getAttribute("data-state")).not.toBe("cancelled");
    }

    // Everything from now on (the cancel request, the engine's calls of cancel-run and the
    // clean-up) goes to the other instance: only the command channel reaches the owner.
    cluster.proxy.pinApps(cluster.apps.indexOf(other));
    try {
      await callProduct(
        product,
        "POST",
        `/runs/${runId}/cancel`,
        { reason: "cancelled across instances" },
        {
          headers: { [INSTANCE_HEADER]: other.name },
        },
      );
      const left = await until(
        () => processesWith(marker),
        (pids) => pids.length === 0,
        30_000,
      );
      expect(left).toEqual([]);
      const run = await until(
        () => callProduct<{ state: string }>(product, "GET", `/runs/${runId}`),
        (value) => value.state === "cancelled",
        60_000,
      );
      expect(run.state).toBe("cancelled");
      // Both dashboards show the run cancelled (or drop it from the card's active runs), live.
      const shownCancelled = async (card: (typeof cards)[number]) =>
        (await card.count()) === 0 ||
        (await card.getAttribute("data-state", { timeout: 1_000 }).catch(() => null)) === "cancelled";
      for (const card of cards) await expect.poll(() => shownCancelled(card), { timeout: 30_000 }).toBe(true);
    } finally {
      cluster.proxy.pinApps(null);
    }
    expect(cluster.proxy.served.get("realtime-0")).toBeGreaterThan(0);
    expect(cluster.proxy.served.get("realtime-1")).toBeGreaterThan(0);
    for (const page of pages) await page.context().close();
  }, 420_000);

  it("takes a GitHub delivery sent to both instances once", async () => {
    const deliveryId = randomUUID();
    const body = JSON.stringify(examplePayload("issues", "labeled", { installation: { id: 4242 } }));
    const headers = {
      "content-type": "application/json",
      "x-github-event": "issues",
      "x-github-delivery": deliveryId,
      "x-hub-signature-256": await sign(webhookSecret, body),
    };
    const answers = await Promise.all(
      cluster.apps.map(async (app) => {
        const response = await fetch(`http://127.0.0.1:${app.port}/api/github/webhooks`, {
          method: "POST",
          headers,
          body,
        });
        const answer = (await response.json()) as { forwarded?: boolean; duplicate?: boolean };
        return { status: response.status, ...answer };
      }),
    );
    expect(answers.map((answer) => answer.status)).toEqual([202, 202]);
    expect(answers.filter((answer) => answer.forwarded === true)).toHaveLength(1);
    expect(answers.filter((answer) => answer.duplicate === true)).toHaveLength(1);
    type Listed = { data: Array<{ data?: { deliveryId?: string } }> };
    const listed = await until(
      () =>
        fetch(`http://127.0.0.1:${cluster.ports.inngest}/v1/events?name=github/issues.labeled`, {
          headers: { authorization: `Bearer ${signingKey}` },
        }).then((response) => response.json() as Promise<Listed>),
      (events) => events.data.some((event) => event.data?.deliveryId === deliveryId),
      30_000,
    );
    expect(listed.data.filter((event) => event.data?.deliveryId === deliveryId)).toHaveLength(1);
  });

  it("20 runs started through both instances, with steps on both, each merge exactly once", async () => {
    const before = new Map(cluster.proxy.inngestCalls);
    const projectIds = await createProjects(product, 20);
    const runIds = await Promise.all(
      projectIds.map((projectId, index) =>
        startRun(product, projectId, `Write a note (${index})`, {
          [INSTANCE_HEADER]: cluster.apps[index % 2]!.name,
        }),
      ),
    );
    const { runs } = await checkRuns(product, runIds, 600_000);
    expect(runs.map((run) => (run.ok ? "ok" : JSON.stringify(run)))).toEqual(Array(20).fill("ok"));
    for (const app of cluster.apps)
      expect((cluster.proxy.inngestCalls.get(app.name) ?? 0) - (before.get(app.name) ?? 0)).toBeGreaterThan(20);
  }, 720_000);

  it("merges every run exactly once while the engine is killed 10 times", async () => {
    const storm = await killStorm(product, { target: "inngest" });
    expect(storm.runs.map((run) => (run.ok ? "ok" : JSON.stringify(run)))).toEqual(Array(5).fill("ok"));
    expect(Object.keys(storm.healthAnswers).filter((status) => status.startsWith("down"))).toEqual([]);
    expect(storm.unanswered).toBe(0);
  }, 420_000);
});
