import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GitHubEmulator } from "@/testing/github-emulator";
import { fixedCart } from "@/testing/pipeline/fixture-scripts";
import { demoTemplateFiles, type GitHubAppSetup, startGitHubAppSetup } from "@/testing/pipeline/github-app-setup";
import type { PipelineHarness } from "@/testing/pipeline/pipeline-harness";

// The whole pipeline on a GitHub project, against the GitHub emulator, driven by signed
// webhooks through the real route (POST /api/github/webhooks): a labelled issue, the plan
// posted on it, `/mergeline approve`, a PR with its check run, a review comment answered
// by a follow-up commit on the same PR, the merge; one state label and one status comment
// edited in place all along.

const documentedCart = fixedCart.replace(
  "/** Number of items in the cart. */",
  "/** Number of items in the cart: the sum of the lines' quantities. */",
);
const write = (content: string) => ({
  toolCalls: [{ toolName: "write_file", input: { path: "src/cart.js", content } }],
});
const script = {
  name: "github pipeline",
  plan: [
    {
      object: {
        summary: "Add itemCount(cart) to the cart library.",
        steps: [{ title: "Add itemCount to src/cart.js" }, { title: "Run the tests" }],
        files: ["src/cart.js"],
        acceptanceChecks: [{ description: "The existing cart tests still pass", test: "npm test" }],
      },
    },
  ],
  // Attempt 1 adds itemCount; attempt 2 (the review's follow-up) documents it better.
  code: [
    [write(fixedCart), { text: "Added itemCount." }],
    [write(documentedCart), { text: "Documented itemCount as asked." }],
  ],
};

const secret = "github-pipeline-test-secret-0123456789";
let setup: GitHubAppSetup;
let gh: GitHubEmulator;
let harness: PipelineHarness;
beforeAll(async () => {
  setup = await startGitHubAppSetup({ secret, script });
  ({ gh, harness } = setup);
}, 180_000);
afterAll(() => setup?.close());
const poll: GitHubAppSetup["poll"] = (probe, what, timeoutMs) => setup.poll(probe, what, timeoutMs);

/** harness.waitForState, telling the run's timeline when the state never comes. */
async function waitForState(runId: string, states: Parameters<PipelineHarness["waitForState"]>[1], timeoutMs: number) {
  try {
    return await harness.waitForState(runId, states, timeoutMs);
  } catch (error) {
    const { getRunEvents } = await import("@/db/queries/run-events");
    const events = await getRunEvents({ db: harness.db, runId });
    const timeline = events
      .map((event) => `${event.type} ${event.toState ?? ""} ${JSON.stringify(event.data).slice(0, 300)}`)
      .join("\n");
    throw new Error(`${(error as Error).message}\n${timeline}\n${harness.engineLog.join("").slice(-3000)}`);
  }
}

const engineCatchesUp = () => new Promise((resolve) => setTimeout(resolve, 1000));
const repo = "acme/cart";
const stateLabels = (number: number) =>
  (gh.getIssue(repo, number).labels as string[]).filter((label) => label.startsWith("mergeline:"));
const statusComments = (number: number) =>
  gh
    .listComments(repo, number)
    .filter((comment: { body: string }) => comment.body.includes("<!-- mergeline:status -->"));

describe("the pipeline on a GitHub project", () => {
  it("labelled issue -> plan comment -> approve -> PR with a check run -> review feedback answered -> merged", async () => {
    const { requestMerge } = await import("@/lib/runs/request-run-action");
    const { getGitHubApp } = await import("@/lib/git-provider/github/app-from-env");
    const { runs } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    const { db } = harness;

    // The App is installed (installation.created), the repository pinned as a project.
    const { project, githubInstallationId } = await setup.installProject({
      repo,
      files: demoTemplateFiles(),
      settings: { testCommands: ["npm test"] },
    });

    // Labelled with the trigger label: issues.labeled starts the run.
    const { number: issueNumber } = await gh.createIssue({
      repo,
      title: "Add itemCount to the cart",
      body: "Count the items.",
      user: "ana",
    });
    await gh.addLabel({ repo, number: issueNumber, label: "mergeline", user: "ana" });
    const run = await poll(
      async () => (await db.select().from(runs).where(eq(runs.projectId, project.id)))[0],
      "the labelled issue to start a run",
    );
    expect(run).toMatchObject({ source: "issue" });

    await waitForState(run.id, ["awaiting_approval"], 120_000);
    await expect
      .poll(
        () =>
          gh
            .listComments(repo, issueNumber)
            .some((comment: { body: string }) => comment.body.includes("### Mergeline plan (version 1)")),
        { timeout: 30_000 },
      )
      .toBe(true);
    expect(stateLabels(issueNumber)).toEqual(["mergeline:planning"]);
    expect(statusComments(issueNumber)[0]!.body).toContain("waiting for approval");

    // `/mergeline approve` from someone with write access (issue_comment.created).
    await engineCatchesUp();
    await engineCatchesUp();
    await gh.commentOnIssue({ repo, number: issueNumber, body: "/mergeline approve", user: "ana" });

    const ready = await waitForState(run.id, ["ready", "failed", "needs_human"], 400_000);
    expect(ready.state).toBe("ready");
    await expect.poll(() => stateLabels(issueNumber), { timeout: 30_000 }).toEqual(["mergeline:ready-for-review"]);
    const { pullRequest } = await (await import("@/lib/runs/load-run")).loadRun({ db, runId: run.id });
    const prNumber = pullRequest!.number;
    const firstHead = (await gh.branchHead(repo, `mergeline/run-${run.id}`))!;
    expect(gh.getPullRequest(repo, prNumber)).toMatchObject({ state: "open" });
    // Reported by report-run on the state change, right behind it.
    // Two check runs: the validation, and the review of the head (no findings here).
    const check = (sha: string, name: string) => gh.listCheckRuns(repo, sha).find((run) => run.name === name);
    await expect.poll(() => check(firstHead, "Mergeline validation")?.status, { timeout: 30_000 }).toBe("completed");
    const checks = gh.listCheckRuns(repo, firstHead);
    expect(checks.map((run) => run.name).sort()).toEqual(["Mergeline review", "Mergeline validation"]);
    expect(check(firstHead, "Mergeline validation")).toMatchObject({ status: "completed", conclusion: "success" });
    expect(check(firstHead, "Mergeline review")).toMatchObject({ status: "completed", conclusion: "success" });

    // A reviewer requests changes with a remark and a line comment (pull_request_review.submitted
    // and pull_request_review_comment.created): one follow-up commit on the same PR answers both.
    const review = await gh.submitReview({
      repo,
      number: prNumber,
      user: "ana",
      state: "CHANGES_REQUESTED",
      body: "Almost there.",
      comments: [{ path: "src/cart.js", line: 1, body: "Please say what itemCount counts." }],
    });
    const octokit = await getGitHubApp().installationOctokit(githubInstallationId);
    await expect
      .poll(
        async () =>
          (
            await octokit.rest.pulls.listReviewComments({ owner: "acme", repo: "cart", pull_number: prNumber })
          ).data.filter((comment) => comment.in_reply_to_id === review.commentIds[0]).length,
        { timeout: 180_000, interval: 1000 },
      )
      .toBe(1);
    // The review's own remark is answered on the PR, quoted.
    await expect
      .poll(
        () =>
          gh
            .listComments(repo, prNumber)
            .filter((comment: { body: string }) => comment.body.startsWith("> Almost there.")).length,
        { timeout: 60_000 },
      )
      .toBe(1);
    const secondHead = (await gh.branchHead(repo, `mergeline/run-${run.id}`))!;
    expect(secondHead).not.toBe(firstHead);
    const { data: pr } = await octokit.rest.pulls.get({ owner: "acme", repo: "cart", pull_number: prNumber });
    expect(pr.head.sha).toBe(secondHead);
    await expect
      .poll(() => check(secondHead, "Mergeline validation"), { timeout: 30_000 })
      .toMatchObject({ name: "Mergeline validation", conclusion: "success" });
    await waitForState(run.id, ["ready"], 60_000);
    // Both webhooks sent feedback; the second follow-up found it answered and coded nothing.
    const { getRunEvents } = await import("@/db/queries/run-events");
    await engineCatchesUp();
    const attempts = (await getRunEvents({ db, runId: run.id })).filter((event) => event.type === "agent.attempt");
    expect(attempts).toHaveLength(2);

    await engineCatchesUp();
    await requestMerge({ db, runId: run.id, actor: { kind: "system" }, ip: null });
    const merged = await waitForState(run.id, ["merged", "failed", "needs_human"], 120_000);
    expect(merged.state).toBe("merged");
    await expect.poll(() => stateLabels(issueNumber), { timeout: 30_000 }).toEqual(["mergeline:merged"]);
    const { data: main } = await octokit.rest.repos.getContent({
      owner: "acme",
      repo: "cart",
      path: "src/cart.js",
      ref: "main",
    });
    expect("content" in main && Buffer.from(main.content, "base64").toString()).toContain(
      "the sum of the lines' quantities",
    );

    // One status comment, edited in place all along.
    await expect.poll(() => statusComments(issueNumber)[0]?.body, { timeout: 30_000 }).toContain("Mergeline: Merged");
    expect(statusComments(issueNumber)).toHaveLength(1);
    expect(gh.violations).toEqual([]);
  }, 1_200_000);
});
