import { and, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADVISORY_FIXTURE_DIR, plantedSecrets } from "@/testing/reviews/review-fixture";
import { basePackageJson, REVIEW_LINES, reviewRunScript } from "@/testing/reviews/review-scripts";
import { type PipelineHarness, startPipelineHarness } from "@/testing/pipeline/pipeline-harness";

// Reviews in the pipeline, end to end through the embedded engine, on the local provider: a
// run whose attempts keep failing the review (secrets block merging by default). Findings land
// on their lines as PR comments and in the check run; the commit that fixes one resolves it and
// posts nothing twice; the three fix attempts use the three strategies in order.
const secrets = plantedSecrets();
let harness: PipelineHarness;
beforeAll(async () => {
  process.env.MERGELINE_ADVISORY_DB = ADVISORY_FIXTURE_DIR;
  harness = await startPipelineHarness({ script: reviewRunScript(secrets) });
}, 90_000);
afterAll(() => harness?.close());

describe("reviews of a run's pull request", () => {
  it("blocks the merge on secrets, posts each finding once at its line, resolves the fixed one, and escalates the retry strategy", async () => {
    const { createRun } = await import("@/lib/runs/create-run");
    const { runGit } = await import("@/lib/workspaces/run-git");
    const { commitOnCheckout } = await import("@/testing/local-project");
    const { comments, checkRuns, pullRequests, runEvents, reviewFindings, reviews } = await import("@/db/schema");
    const { getAgentMessagesByRunId } = await import("@/db/queries/transcripts");
    const db = harness.db;

    const project = await harness.createProject({
      autoMerge: "auto-when-green",
      autoConfirmPlans: true,
      budget: { maxAttempts: 4, maxDollars: 5, maxMinutes: 30 },
    });
    await commitOnCheckout(project.repository, { "package.json": basePackageJson("4.17.21") }, "Depend on lodash");
    const run = await createRun({
      db,
      input: { project, goal: "Configure the integrations", source: "api", autoConfirm: true },
    });
    const ended = await harness.waitForState(run.id, ["merged", "failed", "needs_human", "cancelled"], 240_000);

    // A secret blocks the merge: every attempt failed its review, nothing reached main.
    expect(ended.state).toBe("needs_human");
    expect(ended.attempt).toBe(4);
    expect(await runGit(project.repository, ["show", "main:package.json"])).toContain('"lodash": "4.17.21"');
    const [pr] = await db.select().from(pullRequests).where(eq(pullRequests.runId, run.id));
    expect(pr?.state).toBe("open");

    const runReviews = await db.select().from(reviews).where(eq(reviews.runId, run.id)).orderBy(reviews.attempt);
    expect(runReviews.map((review) => [review.attempt, review.status])).toEqual([
      [1, "completed"],
      [2, "completed"],
      [3, "completed"],
      [4, "completed"],
    ]);
    expect(runReviews[0]!.blockers.join()).toContain("secret");
    expect(runReviews[0]!.advisories).toMatchObject({ checked: true });
    expect(runReviews[0]!.aiReview).toMatchObject({ status: "done", kept: 1, dropped: 1 });
    expect(runReviews[0]!.dependencies).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "lodash", change: "downgraded", to: "4.17.15" })]),
    );

    const findings = await db
      .select()
      .from(reviewFindings)
      .where(and(eq(reviewFindings.projectId, project.id), eq(reviewFindings.pullRequestNumber, pr!.number)));
    const at = (place: { path: string; line: number }) =>
      findings.filter((finding) => finding.path === place.path && finding.line === place.line);
    expect(at(REVIEW_LINES.github)).toMatchObject([{ kind: "secret", status: "resolved" }]);
    for (const place of [REVIEW_LINES.slack, REVIEW_LINES.aws, REVIEW_LINES.privateKey])
      expect(at(place)).toMatchObject([{ kind: "secret", status: "open" }]);
    // On the first line git's diff shows added inside addItem (its own alignment decides which).
    const complexity = findings.filter((finding) => finding.kind === "complexity");
    expect(complexity).toMatchObject([
      { path: REVIEW_LINES.complexity.path, status: "open", title: "addItem is too complex (14)" },
    ]);
    expect(complexity[0]!.line).toBeGreaterThanOrEqual(REVIEW_LINES.complexity.line);
    expect(complexity[0]!.line).toBeLessThanOrEqual(REVIEW_LINES.complexity.line + 1);
    expect(runReviews[0]!.complexity).toEqual([
      expect.objectContaining({ name: "addItem", before: 4, after: 14, flagged: true }),
    ]);
    expect(at(REVIEW_LINES.ai)).toMatchObject([{ kind: "ai", status: "open", severity: "medium" }]);
    expect(findings.filter((finding) => finding.kind === "vulnerability").map((finding) => finding.source)).toContain(
      "GHSA-p6mc-m468-83gw",
    );
    expect(findings.some((finding) => finding.path === "README.md")).toBe(false);
    // The GitHub token was resolved by attempt 2's commit.
    const github = at(REVIEW_LINES.github)[0]!;
    expect(github.resolvedSha).toBe(runReviews[1]!.headSha);

    // Local PR comments with file and line: one per finding, never twice; the resolved one is struck through.
    const lineComments = await db
      .select()
      .from(comments)
      .where(and(eq(comments.projectId, project.id), eq(comments.number, pr!.number), isNotNull(comments.path)));
    expect(lineComments).toHaveLength(findings.length);
    const byPlace = new Map(lineComments.map((comment) => [`${comment.path}:${comment.line}`, comment]));
    expect(byPlace.size).toBe(findings.length);
    expect(byPlace.get(`${REVIEW_LINES.github.path}:${REVIEW_LINES.github.line}`)?.body).toContain("**Resolved**");
    expect(byPlace.get(`${REVIEW_LINES.slack.path}:${REVIEW_LINES.slack.line}`)?.body).toContain("Slack");
    expect(byPlace.get(`${REVIEW_LINES.ai.path}:${REVIEW_LINES.ai.line}`)?.body).toContain("MAX_QUANTITY");
    // The validations' PR comments give the review's verdict in a line, not the findings again.
    const prComments = () =>
      db
        .select()
        .from(comments)
        .where(and(eq(comments.projectId, project.id), eq(comments.number, pr!.number)));
    // The last attempt's report follows its state change: wait for it.
    await expect
      .poll(async () => (await prComments()).filter((comment) => comment.body.includes("Review: merge blocked")).length)
      .toBe(4);
    const otherComments = await prComments();
    expect(otherComments.filter((comment) => comment.body.includes("Slack is added here"))).toHaveLength(1);
    expect(otherComments.filter((comment) => comment.body.includes("Slack in an added line"))).toHaveLength(2);
    // Nowhere the secrets themselves: comments, findings, validation summaries.
    const everything = JSON.stringify({
      all: await db.select().from(comments).where(eq(comments.projectId, project.id)),
      findings,
      runReviews,
    });
    for (const value of [secrets.github, secrets.slack, secrets.awsSecret, secrets.privateKey.split("\n")[1]!])
      expect(everything).not.toContain(value);

    // The check run of the last head carries an annotation per open finding, and fails (merge blocked).
    const [check] = await db
      .select()
      .from(checkRuns)
      .where(
        and(
          eq(checkRuns.projectId, project.id),
          eq(checkRuns.sha, runReviews[3]!.headSha!),
          eq(checkRuns.name, "Mergeline review"),
        ),
      );
    expect(check?.conclusion).toBe("failure");
    expect(check?.annotations.map((annotation) => `${annotation.path}:${annotation.startLine}`)).toEqual(
      expect.arrayContaining([
        `${REVIEW_LINES.slack.path}:${REVIEW_LINES.slack.line}`,
        `${REVIEW_LINES.ai.path}:${REVIEW_LINES.ai.line}`,
      ]),
    );

    // Three failing attempts, three strategies in the project's default order, each prompt keeping its promise.
    const events = await db.select().from(runEvents).where(eq(runEvents.runId, run.id)).orderBy(runEvents.seq);
    expect(
      events
        .filter((event) => event.type === "attempt.strategy")
        .map((event) => [event.data.attempt, event.data.strategy]),
    ).toEqual([
      [2, "regenerate_prompt"],
      [3, "different_approach"],
      [4, "simplified_scope"],
    ]);
    const { getRunDetails } = await import("@/lib/runs/get-run-details");
    const { toApiRunDetails } = await import("@/lib/api/schemas/run-details");
    expect(toApiRunDetails(await getRunDetails({ db, runId: run.id })).attemptStrategies).toEqual([
      { attempt: 2, strategy: "regenerate_prompt" },
      { attempt: 3, strategy: "different_approach" },
      { attempt: 4, strategy: "simplified_scope" },
    ]);
    const messages = await getAgentMessagesByRunId({ db, runId: run.id });
    const prompt = (attempt: number) => JSON.stringify(messages.filter((message) => message.attempt === attempt));
    // regenerate_prompt: the same approach, a fresh prompt with the evidence (the findings, redacted).
    expect(prompt(2)).toContain("Strategy for this attempt: regenerate_prompt");
    expect(prompt(2)).toContain("merge blocked by the project's policy");
    expect(prompt(2)).toContain(REVIEW_LINES.slack.path);
    // different_approach: what was tried, the failed diff (its secrets redacted), another route.
    expect(prompt(3)).toContain("Strategy for this attempt: different_approach");
    expect(prompt(3)).toContain("The GitHub token is read from the environment.");
    expect(prompt(3)).toContain("untrusted-failed-diff");
    expect(prompt(3)).toContain("+++ b/deploy/id_rsa");
    // The evidence and the failed diff carry the secrets redacted (the checkout's own files are the agent's to read).
    const blocks = (attempt: number) =>
      [...prompt(attempt).matchAll(/<untrusted-(?:validation-output|failed-diff)>([\s\S]*?)<\/untrusted-/g)].map(
        (m) => m[1],
      );
    expect(blocks(3)).toHaveLength(2);
    for (const attempt of [2, 3, 4])
      for (const value of [secrets.slack, secrets.awsSecret, secrets.privateKey.split("\n")[1]!])
        expect(blocks(attempt).join()).not.toContain(value);
    // simplified_scope: the plan narrowed to what the acceptance checks need, the rest as follow-ups.
    expect(prompt(4)).toContain("Strategy for this attempt: simplified_scope");
    expect(prompt(4)).toContain("Document the deployment key rotation in the README");
    const scope = events.find((event) => event.type === "scope.simplified");
    expect(scope?.data.followUps).toEqual(
      expect.arrayContaining(["Document the deployment key rotation in the README"]),
    );
    expect(scope?.data.steps).toEqual(["Validate items in addItem"]);
  }, 300_000);
});
