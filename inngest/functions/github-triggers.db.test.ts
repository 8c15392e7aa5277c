import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { InngestTestEngine } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import * as schema from "@/db/schema";
import type { Project, Run } from "@/db/schema";
import type { GitHubEmulator } from "@/testing/github-emulator";
import { serveRoute, type RouteHandler } from "@/testing/webhooks/serve-route";
import { type ReceivedEvent, startEventReceiver } from "@/testing/webhooks/start-event-receiver";

// The GitHub side of Mergeline end to end, short of the pipeline itself: the GitHub API
// emulator acts as people and as the App and delivers signed webhooks to the real route
// (over HTTP); the route hands them to an Inngest-protocol intake; each github/* event is
// then run through its real Inngest function (@inngest/test) against a real database,
// talking back to the emulator through the GitHub provider. Pipeline events
// (run/requested, run/cancel.requested...) are checked at the intake.

const secret = "trigger-tests-webhook-secret-0123456789";
let gh: GitHubEmulator;
let handle: DatabaseHandle;
let receiver: Awaited<ReturnType<typeof startEventReceiver>>;
let route: Awaited<ReturnType<typeof serveRoute>>;
let post: RouteHandler | undefined;
let dir: string;
let seen = 0;
// biome-ignore lint/suspicious/noExplicitAny: modules imported after the environment is set, typed where they are used
let m: Record<string, any>;
let aliceUserId: string;
let widgets: Project;
let gadgets: Project;

let outbox: typeof import("@/lib/intake/github/webhooks/default-webhook-dependencies").defaultWebhookDependencies;
let closeOutbox: (() => Promise<void>) | undefined;
/** The emulator's webhooks are answered, and what they carried reached the event intake. */
const delivered = async () => {
  await gh.idle();
  await outbox().drained();
};

const botIgnored = { status: "ignored", reason: "written by a bot" };

/**
 * Waits for the emulator's webhooks, then runs every new github/* event through its
 * function, until no more come (Mergeline's own comments come back as webhooks). `results`
 * leaves out those comments of the App, ignored as they should be; `all` has them.
 */
async function processWebhooks(): Promise<{ names: string[]; results: unknown[]; all: unknown[] }> {
  const names: string[] = [];
  const all: unknown[] = [];
  for (;;) {
    await delivered();
    const fresh = receiver.events.slice(seen).filter((candidate) => candidate.name.startsWith("github/"));
    seen = receiver.events.length;
    if (fresh.length === 0) break;
    for (const event of fresh) {
      names.push(event.name);
      const { result, error } = await new InngestTestEngine({
        function: m.functionFor(event.name),
        events: [{ name: event.name, data: event.data }],
      }).execute();
      if (error) throw error;
      all.push(result);
    }
  }
  return { names, all, results: all.filter((result) => JSON.stringify(result) !== JSON.stringify(botIgnored)) };
}
const pipelineEvents = (name: string): ReceivedEvent[] => receiver.events.filter((event) => event.name === name);
const runsOf = async (projectId: string): Promise<Run[]> =>
  handle.db.select().from(schema.runs).where(eq(schema.runs.projectId, projectId));
const provider = (project: Project) => m.getGitProvider(project, { db: handle.db });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-gh-triggers-"));
  receiver = await startEventReceiver();
  route = await serveRoute(() => {
    if (!post) throw new Error("route not loaded yet");
    return post;
  });
  const { startGitHubEmulator } = await import("@/testing/github-emulator");
  gh = await startGitHubEmulator({ webhook: { url: `${route.url}/api/github/webhooks`, secret } });
  Object.assign(process.env, {
    MERGELINE_DATA_DIR: dir,
    INNGEST_DEV: "1",
    INNGEST_BASE_URL: receiver.url,
    GITHUB_WEBHOOK_SECRET: secret,
    GITHUB_APP_ID: String(gh.appId),
    GITHUB_APP_PRIVATE_KEY: gh.privateKey,
    GITHUB_API_URL: gh.apiUrl,
    GITHUB_WRITE_INTERVAL_MS: "10",
    LOG_LEVEL: "silent",
    // No run is played here: a real model's id lets any issue start one (the scripted model
    // plays only its tasks; lib/runs/assert-playable-goal.db.test.ts covers that).
    MERGELINE_MODEL: "openai:gpt-5.1",
  });
  const { createTestDatabase } = await import("@/testing/database");
  const { setDatabaseHandle } = await import("@/db");
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
  ({ POST: post } = await import("@/app/api/github/webhooks/route"));
  ({ defaultWebhookDependencies: outbox, closeDefaultWebhookDependencies: closeOutbox } = await import(
    "@/lib/intake/github/webhooks/default-webhook-dependencies"
  ));
  const { githubInstallationLifecycle } = await import("@/inngest/functions/github-installation-lifecycle");
  const { githubIssueTrigger } = await import("@/inngest/functions/github-issue-trigger");
  const { githubPullRequestClosedFunction } = await import("@/inngest/functions/github-pull-request-closed");
  const { githubCheckResults } = await import("@/inngest/functions/github-check-results");
  const { githubReviewFeedback } = await import("@/inngest/functions/github-review-feedback");
  const { githubPushFunction } = await import("@/inngest/functions/github-push");
  const { githubPullRequestUpdated } = await import("@/inngest/functions/github-pull-request-updated");
  m = {
    ...(await import("@/db/queries/projects")),
    ...(await import("@/db/queries/runs")),
    ...(await import("@/db/queries/plans")),
    ...(await import("@/db/queries/run-events")),
    ...(await import("@/lib/git-provider")),
    ...(await import("@/lib/projects/settings")),
    ...(await import("@/lib/pipeline/mark-ready")),
    ...(await import("@/testing/github-emulator/emulator-test-git")),
    ...(await import("@/lib/git-provider/github/app-from-env")),
    functionFor: (name: string) => {
      if (name.startsWith("github/installation")) return githubInstallationLifecycle;
      if (name === "github/issues.labeled" || name === "github/issue_comment.created") return githubIssueTrigger;
      if (name === "github/pull_request.closed") return githubPullRequestClosedFunction;
      if (/^github\/pull_request\.(opened|synchronize|reopened)$/.test(name)) return githubPullRequestUpdated;
      if (name.startsWith("github/pull_request_review")) return githubReviewFeedback;
      if (name === "github/push") return githubPushFunction;
      return githubCheckResults;
    },
  };
}, 120_000);

afterAll(async () => {
  await gh?.close();
  await route?.close();
  await closeOutbox?.();
  await receiver?.close();
  await handle?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("GitHub installation lifecycle", () => {
  it("creates the account's team with the installer as admin, and its repositories", async () => {
    await gh.createRepository({ owner: "acme", name: "widgets" });
    await gh.createRepository({ owner: "acme", name: "gadgets" });
    await gh.createRepository({ owner: "acme", name: "extra" });
    const installation = gh.createInstallation({
      account: { login: "acme", type: "Organization" },
      repositories: ["acme/widgets", "acme/gadgets"],
      sender: "alice",
    });
    await delivered();
    // Alice signed in to Mergeline with her GitHub account before.
    const created = receiver.events.find((event) => event.name === "github/installation.created")!;
    const aliceGithubId = (created.data.payload as { sender: { id: number } }).sender.id;
    const [alice] = await handle.db
      .insert(schema.users)
      .values({ email: "alice@example.com", name: "Alice" })
      .returning();
    aliceUserId = alice.id;
    await handle.db.insert(schema.accounts).values({
      userId: alice.id,
      type: "oauth",
      provider: "github",
      providerAccountId: String(aliceGithubId),
      access_token: "gho_alice",
    });

    expect((await processWebhooks()).names).toEqual(["github/installation.created"]);
    const [team] = await handle.db.select().from(schema.teams).where(eq(schema.teams.slug, "github-acme"));
    expect(team).toMatchObject({ name: "acme", kind: "github" });
    const [row] = await handle.db
      .select()
      .from(schema.installations)
      .where(eq(schema.installations.githubInstallationId, installation.id));
    expect(row).toMatchObject({ teamId: team.id, accountLogin: "acme", deletedAt: null, suspendedAt: null });
    const repositories = await handle.db
      .select()
      .from(schema.installationRepositories)
      .where(eq(schema.installationRepositories.installationId, row.id));
    expect(repositories.map((repository) => repository.fullName).sort()).toEqual(["acme/gadgets", "acme/widgets"]);
    const members = await handle.db.select().from(schema.teamMembers).where(eq(schema.teamMembers.teamId, team.id));
    expect(members).toEqual([expect.objectContaining({ userId: alice.id, role: "admin" })]);

    // Redelivered or repeated, nothing doubles.
    await new InngestTestEngine({
      function: m.functionFor("github/installation.created"),
      events: [{ name: created.name, data: created.data }],
    }).execute();
    expect(await handle.db.select().from(schema.teams).where(eq(schema.teams.slug, "github-acme"))).toHaveLength(1);

    widgets = await m.createProject({
      db: handle.db,
      values: {
        teamId: team.id,
        provider: "github",
        repository: "acme/widgets",
        name: "widgets",
        installationId: row.id,
        settings: m.defaultProjectSettings(),
      },
    });
    gadgets = await m.createProject({
      db: handle.db,
      values: {
        teamId: team.id,
        provider: "github",
        repository: "acme/gadgets",
        name: "gadgets",
        installationId: row.id,
        settings: m.defaultProjectSettings(),
      },
    });
  });

  it("keeps repositories in sync and records suspension", async () => {
    const [row] = await handle.db.select().from(schema.installations);
    const repositoryNames = async () =>
      (
        await handle.db
          .select()
          .from(schema.installationRepositories)
          .where(eq(schema.installationRepositories.installationId, row.id))
      )
        .map((repository) => repository.fullName)
        .sort();
    gh.setInstallationRepositories({ installationId: row.githubInstallationId, add: ["acme/extra"] });
    expect((await processWebhooks()).names).toEqual(["github/installation_repositories.added"]);
    expect(await repositoryNames()).toEqual(["acme/extra", "acme/gadgets", "acme/widgets"]);
    gh.setInstallationRepositories({ installationId: row.githubInstallationId, remove: ["acme/extra"] });
    expect((await processWebhooks()).names).toEqual(["github/installation_repositories.removed"]);
    expect(await repositoryNames()).toEqual(["acme/gadgets", "acme/widgets"]);

    gh.setInstallationSuspended(row.githubInstallationId, true);
    await processWebhooks();
    const installationRow = async () =>
      (await handle.db.select().from(schema.installations).where(eq(schema.installations.id, row.id)))[0];
    expect((await installationRow()).suspendedAt).toBeInstanceOf(Date);
    gh.setInstallationSuspended(row.githubInstallationId, false);
    await processWebhooks();
    expect((await installationRow()).suspendedAt).toBeNull();
  });
});

describe("issue triggers", () => {
  it("starts one run per issue for the trigger label, on the issue's repository", async () => {
    const issue = await gh.createIssue({
      repo: "acme/widgets",
      title: "Add a cart",
      body: "Items can be added and removed.",
      user: "alice",
    });
    await gh.addLabel({ repo: "acme/widgets", number: issue.number, label: "bug", user: "alice" });
    const ignored = await processWebhooks();
    expect(ignored.names).toEqual(["github/issues.labeled"]);
    expect(ignored.results).toEqual([{ status: "ignored", reason: "not the trigger label" }]);

    await gh.addLabel({ repo: "acme/widgets", number: issue.number, label: "mergeline", user: "alice" });
    const started = await processWebhooks();
    expect(started.results).toEqual([{ status: "started", runId: expect.any(String), projectId: widgets.id }]);
    const [run] = (await runsOf(widgets.id)) as [Run];
    expect(run).toMatchObject({
      source: "issue",
      goal: "Add a cart",
      requirements: "Items can be added and removed.",
      state: "queued",
      createdBy: aliceUserId,
      autoConfirm: false,
    });
    const [stored] = await handle.db.select().from(schema.issues).where(eq(schema.issues.id, run.issueId!));
    expect(stored).toMatchObject({
      projectId: widgets.id,
      number: issue.number,
      title: "Add a cart",
      author: "alice",
      labels: ["bug", "mergeline"],
    });
    expect(pipelineEvents("run/requested").map((event) => event.data)).toEqual([
      { runId: run.id, projectId: widgets.id },
    ]);

    // Labelled again while the run is going: no second run.
    await gh.removeLabel({ repo: "acme/widgets", number: issue.number, label: "mergeline", user: "alice" });
    await gh.addLabel({ repo: "acme/widgets", number: issue.number, label: "mergeline", user: "alice" });
    expect((await processWebhooks()).results).toEqual([{ status: "already_running", runId: run.id }]);
    expect(await runsOf(widgets.id)).toHaveLength(1);
  });

  it("sends the run to the repository a `target:` line names, and answers an unknown target on the issue", async () => {
    const targeted = await gh.createIssue({
      repo: "acme/widgets",
      title: "Share the cart",
      body: "Also the API.\ntarget: acme/gadgets\n",
      user: "alice",
    });
    await gh.addLabel({ repo: "acme/widgets", number: targeted.number, label: "mergeline", user: "alice" });
    expect((await processWebhooks()).results).toEqual([
      { status: "started", runId: expect.any(String), projectId: gadgets.id },
    ]);
    expect((await runsOf(gadgets.id)).map((run) => run.goal)).toEqual(["Share the cart"]);

    const unknown = await gh.createIssue({
      repo: "acme/widgets",
      title: "Elsewhere",
      body: "target: acme/nowhere",
      user: "alice",
    });
    await gh.addLabel({ repo: "acme/widgets", number: unknown.number, label: "mergeline", user: "alice" });
    expect((await processWebhooks()).results).toEqual([{ status: "bad_target", target: "acme/nowhere" }]);
    expect(gh.listComments("acme/widgets", unknown.number).map((comment) => comment.body)).toEqual([
      expect.stringContaining("`target: acme/nowhere` is not a pinned repository"),
    ]);
    expect(await runsOf(gadgets.id)).toHaveLength(1);
  });

  it("takes /mergeline commands from people with write access only, and ignores bots", async () => {
    gh.setPermission({ repo: "acme/widgets", user: "bob", permission: "read" });
    gh.setPermission({ repo: "acme/widgets", user: "carol", permission: "write" });
    const issue = await gh.createIssue({ repo: "acme/widgets", title: "Plan a checkout", body: "", user: "bob" });
    await gh.commentOnIssue({ repo: "acme/widgets", number: issue.number, body: "/mergeline run", user: "bob" });
    expect((await processWebhooks()).results).toEqual([{ status: "denied" }]);
    expect(gh.listComments("acme/widgets", issue.number).map((comment) => comment.body)).toEqual([
      "/mergeline run",
      expect.stringContaining("@bob only people with write access"),
    ]);

    await gh.commentOnIssue({
      repo: "acme/widgets",
      number: issue.number,
      body: "Looks good.\n/mergeline plan",
      user: "carol",
    });
    const planned = await processWebhooks();
    expect(planned.results).toEqual([{ status: "done", command: "plan", runId: expect.any(String) }]);
    const runId = (planned.results[0] as { runId: string }).runId;
    expect(await m.getRunById({ db: handle.db, id: runId })).toMatchObject({ autoConfirm: false, source: "issue" });

    // The pipeline proposed a plan (written here: it does not run in this test).
    await handle.db.update(schema.runs).set({ state: "awaiting_approval" }).where(eq(schema.runs.id, runId));
    await m.insertPlanVersion({
      db: handle.db,
      runId,
      status: "proposed",
      content: { summary: "Checkout", steps: [{ title: "Add it" }], files: [], acceptanceChecks: [] },
    });
    await gh.commentOnIssue({ repo: "acme/widgets", number: issue.number, body: "/mergeline approve", user: "carol" });
    expect((await processWebhooks()).results).toEqual([{ status: "done", command: "approve", runId }]);
    expect(await m.getLatestPlan({ db: handle.db, runId })).toMatchObject({ status: "approved", version: 2 });
    expect(pipelineEvents("run/plan.decided").map((event) => event.data)).toEqual([
      expect.objectContaining({ runId, decision: "approve", planVersion: 2 }),
    ]);
    const audit = await handle.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, "plan.approved"), eq(schema.auditLog.targetId, runId)));
    expect(audit).toEqual([expect.objectContaining({ actorType: "github", actorId: "carol" })]);

    await gh.commentOnIssue({ repo: "acme/widgets", number: issue.number, body: "/mergeline cancel", user: "carol" });
    expect((await processWebhooks()).results).toEqual([{ status: "done", command: "cancel", runId }]);
    expect(pipelineEvents("run/cancel.requested").map((event) => event.data)).toEqual([
      expect.objectContaining({ runId, reason: "requested by @carol on GitHub" }),
    ]);

    // The App's own comments come back as webhooks too; they are never commands.
    await provider(widgets).comment({ project: widgets, number: issue.number, body: "/mergeline run" });
    expect((await processWebhooks()).all).toEqual([botIgnored]);
  });
});

async function runWithPullRequest(
  project: Project,
  state: Run["state"],
  branch: string,
): Promise<{ run: Run; number: number; headSha: string }> {
  const run = await m.insertRun({
    db: handle.db,
    values: {
      projectId: project.id,
      source: "api",
      goal: branch,
      baseBranch: "main",
      budget: project.settings.budget,
      state,
    },
  });
  const [row] = await handle.db.select().from(schema.installations);
  const { token } = await m.getGitHubApp().installationToken(row.githubInstallationId);
  const headSha = await m.pushBranch(gh, {
    token,
    repo: project.repository,
    branch,
    files: { [`${branch}.txt`]: "change\n" },
  });
  const pr = await provider(project).openPullRequest({
    project,
    runId: run.id,
    branch,
    baseBranch: "main",
    title: branch,
    body: "",
  });
  await processWebhooks();
  return { run, number: pr.number, headSha };
}

describe("pull requests and checks", () => {
  it("ends a run merged when a person merges its PR on GitHub, and cancelled when they close it", async () => {
    const merged = await runWithPullRequest(widgets, "validating", "run-merged");
    await gh.mergePullRequestAsUser({ repo: "acme/widgets", number: merged.number, user: "carol" });
    // The merge is also a push to the default branch: the project's code index follows it.
    const afterMerge = await processWebhooks();
    expect(afterMerge.names.sort()).toEqual(["github/pull_request.closed", "github/push"]);
    expect(afterMerge.results).toContainEqual({ status: "merged", runId: merged.run.id });
    expect(afterMerge.results).toContainEqual({ status: "requested", projectIds: [widgets.id] });
    expect(pipelineEvents("code-index/sync.requested").map((event) => event.data)).toContainEqual({
      projectId: widgets.id,
      reason: "push",
    });
    expect(await m.getRunById({ db: handle.db, id: merged.run.id })).toMatchObject({
      state: "merged",
      stateReason: "Merged on GitHub by @carol",
    });
    const [mergedRow] = await handle.db
      .select()
      .from(schema.pullRequests)
      .where(eq(schema.pullRequests.runId, merged.run.id));
    expect(mergedRow).toMatchObject({ state: "merged" });
    // The state change stops the run's pipeline (run-pipeline's cancelOn) and is what reporting hears.
    expect(
      pipelineEvents("run/state.changed").some(
        (event) => event.data.runId === merged.run.id && event.data.to === "merged",
      ),
    ).toBe(true);

    const closed = await runWithPullRequest(widgets, "ready", "run-closed");
    await gh.closePullRequestAsUser({ repo: "acme/widgets", number: closed.number, user: "carol" });
    expect((await processWebhooks()).results).toEqual([{ status: "cancelled", runId: closed.run.id }]);
    expect(await m.getRunById({ db: handle.db, id: closed.run.id })).toMatchObject({
      state: "cancelled",
      stateReason: `Pull request #${closed.number} was closed on GitHub by @carol`,
    });
  }, 60_000);

  it("records external checks and merges under auto-when-all-checks-pass once all have passed", async () => {
    const project = await m.updateProject({
      db: handle.db,
      id: widgets.id,
      values: { settings: { ...widgets.settings, autoMerge: "auto-when-all-checks-pass" } },
    });
    const { run, headSha } = await runWithPullRequest(project, "validating", "run-checks");
    await provider(project).setCommitStatus({
      project,
      sha: headSha,
      context: "ci/build",
      state: "pending",
      description: "building",
    });
    expect((await processWebhooks()).results).toEqual([{ status: "recorded", runIds: [run.id], mergeRequested: [] }]);

    // Validation passed, but CI has not: the run waits for it.
    expect(await m.markReady({ db: handle.db, runId: run.id })).toMatchObject({ autoMerge: false });
    const events = await m.getRunEvents({ db: handle.db, runId: run.id });
    expect(events.at(-1)).toMatchObject({
      type: "merge.waiting_for_checks",
      data: { checks: "pending", pending: ["ci/build"] },
    });

    await provider(project).setCommitStatus({
      project,
      sha: headSha,
      context: "ci/build",
      state: "success",
      description: "built",
    });
    expect((await processWebhooks()).results).toEqual([
      { status: "recorded", runIds: [run.id], mergeRequested: [run.id] },
    ]);
    const statuses = await handle.db.select().from(schema.commitStatuses).where(eq(schema.commitStatuses.sha, headSha));
    expect(statuses).toEqual([
      expect.objectContaining({ context: "ci/build", state: "success", projectId: project.id }),
    ]);
    expect(pipelineEvents("run/merge.requested").map((event) => event.data)).toEqual([
      { runId: run.id, requestSeq: expect.any(Number) },
    ]);
    expect(gh.violations).toEqual([]);
  }, 60_000);
});

describe("reviews and uninstalling", () => {
  it("sends reviews of a run's PR to the follow-up function", async () => {
    const { run, number } = await runWithPullRequest(gadgets, "ready", "run-review");
    await gh.submitReview({
      repo: "acme/gadgets",
      number,
      user: "carol",
      state: "CHANGES_REQUESTED",
      body: "Please rename it.",
      comments: [{ path: "run-review.txt", line: 1, body: "Say why." }],
    });
    const { names, results } = await processWebhooks();
    expect(names.sort()).toEqual([
      "github/pull_request_review.submitted",
      "github/pull_request_review_comment.created",
    ]);
    expect(results).toEqual([
      { status: "sent", runId: run.id },
      { status: "sent", runId: run.id },
    ]);
    const feedback = pipelineEvents("run/feedback.received").map((event) => event.data);
    expect(feedback).toContainEqual(
      expect.objectContaining({
        runId: run.id,
        comments: [expect.objectContaining({ body: "Please rename it.", author: "carol" })],
      }),
    );
    expect(feedback).toContainEqual(
      expect.objectContaining({
        runId: run.id,
        comments: [expect.objectContaining({ body: "Say why.", path: "run-review.txt", line: 1 })],
      }),
    );
  }, 60_000);

  it("unpins the installation's projects and cancels their runs when the App is uninstalled", async () => {
    const [row] = await handle.db.select().from(schema.installations);
    const active = (await runsOf(gadgets.id)).filter(
      (run) => !["merged", "failed", "cancelled", "needs_human"].includes(run.state),
    );
    expect(active.length).toBeGreaterThan(0);
    gh.deleteInstallation(row.githubInstallationId);
    expect((await processWebhooks()).results).toEqual([{ status: "deleted", cancelledRuns: expect.any(Array) }]);
    const [deleted] = await handle.db.select().from(schema.installations).where(eq(schema.installations.id, row.id));
    expect(deleted.deletedAt).toBeInstanceOf(Date);
    expect(await handle.db.select().from(schema.installationRepositories)).toEqual([]);
    for (const project of [widgets, gadgets])
      expect(await m.getProjectById({ db: handle.db, id: project.id })).toMatchObject({
        pinned: false,
        installationId: null,
      });
    const cancelled = pipelineEvents("run/cancel.requested").map((event) => event.data.runId);
    for (const run of active) expect(cancelled).toContain(run.id);

    // Events for a deleted installation change nothing.
    const issue = await gh.createIssue({ repo: "acme/widgets", title: "After", user: "alice" });
    await gh.addLabel({ repo: "acme/widgets", number: issue.number, label: "mergeline", user: "alice" });
    expect((await processWebhooks()).results).toEqual([
      { status: "ignored", reason: "unknown, deleted or suspended installation" },
    ]);
  }, 60_000);
});
