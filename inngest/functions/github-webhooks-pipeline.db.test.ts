import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { fixedCart } from "@/testing/pipeline/fixture-scripts";
import type { GitHubEmulator } from "@/testing/github-emulator";
import { demoTemplateFiles, type GitHubAppSetup, startGitHubAppSetup } from "@/testing/pipeline/github-app-setup";
import type { PipelineHarness } from "@/testing/pipeline/pipeline-harness";

// GitHub drives a run from start to end, with nothing but webhooks: the App installed, an
// issue labelled, `/mergeline approve` commented, the PR merged by a person on GitHub. The
// GitHub emulator delivers signed webhooks to the real route over HTTP; the route hands
// them to the embedded engine, which runs the real functions (pipeline included) against
// a real database, the scripted model and real git.

const secret = "webhooks-pipeline-test-secret-0123456789";
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

let setup: GitHubAppSetup;
let gh: GitHubEmulator;
let harness: PipelineHarness;
const poll: GitHubAppSetup["poll"] = (probe, what, timeoutMs) => setup.poll(probe, what, timeoutMs);
const engineCatchesUp = () => new Promise((resolve) => setTimeout(resolve, 1500));

beforeAll(async () => {
  setup = await startGitHubAppSetup({ secret, script });
  ({ gh, harness } = setup);
}, 180_000);
afterAll(() => setup?.close());

describe("a run driven by GitHub webhooks", () => {
  it("install -> label -> /mergeline approve -> validated PR -> merged by a person on GitHub", async () => {
    const { db } = harness;
    const repo = "acme/cart";
    const { project } = await setup.installProject({
      repo,
      files: demoTemplateFiles(),
      settings: { testCommands: ["npm test"] },
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
    const { getRunById } = await import("@/db/queries/runs");
    const { getLatestPlan } = await import("@/db/queries/plans");
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
