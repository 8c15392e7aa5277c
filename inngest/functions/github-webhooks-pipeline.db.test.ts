import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { fixedCart } from "@/testing/pipeline/fixture-scripts";
import { type PipelineHarness, startPipelineHarness } from "@/testing/pipeline/pipeline-harness";
import { type GitHubEmulator, startGitHubEmulator } from "@/testing/github-emulator";
import { type RouteHandler, serveRoute } from "@/testing/webhooks/serve-route";

// GitHub drives a run from start to end, with nothing but webhooks: the App installed, an
// issue labelled, `/mergeline approve` commented, the PR merged by a person on GitHub. The
// GitHub emulator delivers signed webhooks to the real route over HTTP; the route hands
// them to the embedded engine, which runs the real functions (pipeline included) against
// a real database, the scripted model and real git.

const secret = "webhooks-pipeline-test-secret-0123456789";
const templateDir = path.resolve(import.meta.dirname, "../../lib/demo/template");
const templateFiles = Object.fromEntries(
  (fs.readdirSync(templateDir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const full = path.join(entry.parentPath, entry.name);
      return [path.relative(templateDir, full), fs.readFileSync(full, "utf8")];
    }),
);
const script = {
  name: "webhook-driven run",
  plan: [
    {
      object: {
        summary: "Add itemCount(cart).",
        steps: [{ title: "Add itemCount to src/cart.js" }],
        files: ["src/cart.js"],
        acceptanceChecks: [{ description: "npm test passes", test: "npm test" }],
      },
    },
  ],
  code: [
    [
      { toolCalls: [{ toolName: "write_file", input: { path: "src/cart.js", content: fixedCart } }] },
      { text: "Added itemCount." },
    ],
  ],
};

let gh: GitHubEmulator;
let harness: PipelineHarness;
let route: Awaited<ReturnType<typeof serveRoute>>;
let post: RouteHandler | undefined;

async function poll<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}\n${harness.engineLog.join("").slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
const engineCatchesUp = () => new Promise((resolve) => setTimeout(resolve, 1500));

beforeAll(async () => {
  route = await serveRoute(() => {
    if (!post) throw new Error("route not loaded yet");
    return post;
  });
  gh = await startGitHubEmulator({ webhook: { url: `${route.url}/api/github/webhooks`, secret } });
  Object.assign(process.env, {
    GITHUB_APP_ID: String(gh.appId),
    GITHUB_APP_PRIVATE_KEY: gh.privateKey,
    GITHUB_WEBHOOK_SECRET: secret,
    GITHUB_API_URL: gh.apiUrl,
    GITHUB_WRITE_INTERVAL_MS: "10",
  });
  harness = await startPipelineHarness({ script });
  ({ POST: post } = await import("@/app/api/github/webhooks/route"));
}, 180_000);
afterAll(async () => {
  await harness?.close();
  await gh?.close();
  await route?.close();
});

describe("a run driven by GitHub webhooks", () => {
  it("install -> label -> /mergeline approve -> validated PR -> merged by a person on GitHub", async () => {
    const { db } = harness;
    const repo = "acme/cart";
    await gh.createRepository({ owner: "acme", name: "cart", files: templateFiles });
    gh.setPermission({ repo, user: "ana", permission: "write" });
    const { id: githubInstallationId } = gh.createInstallation({
      account: { login: "acme", type: "Organization" },
      repositories: [repo],
    });
    const installation = await poll(
      async () =>
        (
          await db
            .select()
            .from(schema.installations)
            .where(eq(schema.installations.githubInstallationId, githubInstallationId))
        )[0],
      "the installation webhook to be applied",
    );
    const { defaultProjectSettings } = await import("@/lib/projects/settings");
    const { createProject } = await import("@/db/queries/projects");
    const project = await createProject({
      db,
      values: {
        teamId: installation.teamId,
        provider: "github",
        repository: repo,
        name: "cart",
        installationId: installation.id,
        settings: defaultProjectSettings({ testCommands: ["npm test"], model: "scripted" }),
      },
    });

    const { number } = await gh.createIssue({
      repo,
      title: "Add itemCount to the cart",
      body: "Count the items.",
      user: "ana",
    });
    await gh.addLabel({ repo, number, label: "mergeline", user: "ana" });
    const run = await poll(
      async () => (await db.select().from(schema.runs).where(eq(schema.runs.projectId, project.id)))[0],
      "the labelled issue to start a run",
    );
    expect(run).toMatchObject({ source: "issue", goal: "Add itemCount to the cart" });

    await harness.waitForState(run.id, ["awaiting_approval"], 120_000);
    await engineCatchesUp();
    await gh.commentOnIssue({ repo, number, body: "/mergeline approve", user: "ana" });
    const { getLatestPlan, getRunById } = await import("@/db/queries/runs");
    const approvedPlan = await poll(async () => {
      const plan = await getLatestPlan({ db, runId: run.id });
      return plan?.status === "approved" ? plan : undefined;
    }, "the /mergeline approve comment to approve the plan");
    // The engine hands an event only to a wait already registered; on a busy machine the
    // pipeline may start waiting after the decision went out (in production it re-reads the
    // recorded decision after each hour of waiting). Send the same decision again meanwhile.
    const { sendPipelineEvent } = await import("@/lib/runs/send-pipeline-event");
    const { planDecided } = await import("@/lib/inngest/events");
    await poll(
      async () => {
        if ((await getRunById({ db, id: run.id }))?.state !== "awaiting_approval") return true;
        await sendPipelineEvent(
          planDecided.create({ runId: run.id, decision: "approve", planVersion: approvedPlan.version }),
        );
        await new Promise((resolve) => setTimeout(resolve, 3000));
        return undefined;
      },
      "the pipeline to take the approval",
      120_000,
    );
    const ready = await harness.waitForState(run.id, ["ready", "failed", "needs_human"], 400_000);
    expect(ready.state).toBe("ready");
    const [approved] = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, "plan.approved"), eq(schema.auditLog.targetId, run.id)));
    expect(approved).toMatchObject({ actorType: "github", actorId: "ana" });

    const [pullRequest] = await db.select().from(schema.pullRequests).where(eq(schema.pullRequests.runId, run.id));
    const outcome = await gh.mergePullRequestAsUser({ repo, number: pullRequest!.number, user: "ana" });
    expect(outcome).toMatchObject({ merged: true });
    const merged = await harness.waitForState(run.id, ["merged", "cancelled", "failed"], 60_000);
    expect(merged).toMatchObject({ state: "merged", stateReason: "Merged on GitHub by @ana" });
    await poll(
      async () =>
        (await db.select().from(schema.pullRequests).where(eq(schema.pullRequests.runId, run.id)))[0]?.state ===
        "merged"
          ? true
          : undefined,
      "the PR row to be merged",
    );
    const deliveries = await db.select().from(schema.webhookDeliveries);
    expect(deliveries.map((delivery) => `${delivery.event}.${delivery.action}`)).toEqual(
      expect.arrayContaining([
        "installation.created",
        "issues.labeled",
        "issue_comment.created",
        "pull_request.closed",
      ]),
    );
    expect(gh.violations).toEqual([]);
  }, 900_000);
});
