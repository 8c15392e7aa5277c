import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GitHubEmulator } from "@/testing/github-emulator";
import type { PipelineHarness } from "@/testing/pipeline/pipeline-harness";
import {
  type GitHubReviewSetup,
  reviewRepo,
  scriptedFinding,
  startGitHubReviewSetup,
} from "@/testing/reviews/github-review-setup";
import { FINDING_LINES, findingFiles, fixOneFiles, plantedSecrets } from "@/testing/reviews/review-fixture";

// A pull request from a contributor's fork, the usual case in open source: its head branch is
// not in the pinned repository, only GitHub's refs/pull/<n>/head is. Opened, it is reviewed by
// autoReview; `/mergeline review` reviews it on request; a new commit pushed to the fork
// (pull_request.synchronize) is reviewed again. Findings land inline on their lines through the
// emulator. The fork ships files that would run code if anything built, installed, checked out
// or diffed it with their drivers: none of it runs.
const secret = "review-fork-test-secret-0123456789";
const secrets = plantedSecrets();
const repo = reviewRepo;
let setup: GitHubReviewSetup;
let gh: GitHubEmulator;
let harness: PipelineHarness;
let poll: GitHubReviewSetup["poll"];
const reviewer = scriptedFinding;

beforeAll(async () => {
  setup = await startGitHubReviewSetup({ secret });
  ({ gh, harness, poll } = setup);
}, 180_000);
afterAll(() => setup?.close());

describe("a pull request from a fork", () => {
  it("is reviewed by autoReview and on request, findings inline, and its code never runs", async () => {
    const { reviews } = await import("@/db/schema");
    const { runGit } = await import("@/lib/workspaces/run-git");
    const { writeFiles } = await import("@/testing/local-project");
    const { eq } = await import("drizzle-orm");
    const { db } = harness;

    const { project } = await setup.installProject({ autoReview: true });

    // Bo forks the repository, commits to a branch of the fork and opens a PR from it.
    const fork = await gh.createFork({ repo, owner: "bo" });
    const clone = path.join(harness.dir, "bo-clone");
    const ran = path.join(harness.dir, "fork-code-ran");
    await runGit(harness.dir, ["clone", "--quiet", fork.dir, clone]);
    await runGit(clone, ["checkout", "--quiet", "-b", "coupons"]);
    await writeFiles(clone, {
      ...findingFiles(secrets),
      // Would run if the review checked the code out with its attributes, built or installed it.
      ".gitattributes": "* filter=steal diff=steal\n",
      "scripts/postinstall.sh": `#!/bin/sh\ntouch ${ran}\n`,
      Makefile: `all:\n\ttouch ${ran}\n`,
    });
    await runGit(clone, ["add", "--all"]);
    await runGit(clone, ["commit", "--quiet", "-m", "Integrations and coupons"]);
    await gh.pushAsUser({ repo: fork.fullName, user: "bo", from: clone, branch: "coupons" });
    expect(await gh.branchHead(repo, "coupons")).toBeNull();
    const { number } = await gh.openPullRequestAsUser({
      repo,
      user: "bo",
      head: "bo:coupons",
      base: "main",
      title: "Integrations and coupons",
    });

    const ofPull = async () =>
      (await db.select().from(reviews).where(eq(reviews.projectId, project.id))).filter(
        (row) => row.pullRequestNumber === number,
      );
    const automatic = await poll(
      async () => (await ofPull()).find((row) => row.publishedAt),
      "the automatic review of the fork's pull request",
    );
    const forkHead = (await runGit(clone, ["rev-parse", "HEAD"])).trim();
    expect(automatic).toMatchObject({ trigger: "auto", status: "completed", headSha: forkHead });
    expect(automatic.blockers.join()).toContain("secret");
    expect(automatic.progress).toMatchObject({ stage: "ai", findings: { secret: 4 } });

    const comments = () => gh.getPullRequest(repo, number).pull!.reviewComments.filter((c) => c.reviewId !== null);
    const at = (place: { path: string; line?: number }) =>
      comments().filter((c) => c.path === place.path && (place.line === undefined || c.line === place.line));
    for (const place of [FINDING_LINES.github, FINDING_LINES.slack, FINDING_LINES.aws, FINDING_LINES.privateKey])
      expect(at(place)).toHaveLength(1);
    expect(at(FINDING_LINES.complexity)[0]!.body).toContain("price is too complex");
    expect(at({ path: reviewer.path, line: reviewer.line })[0]!.body).toContain(reviewer.title);
    expect(comments().every((c) => c.commitId === forkHead)).toBe(true);
    const posted = comments().length;

    // On request, from someone with write access: the same head, nothing posted twice.
    await gh.commentOnIssue({ repo, number, body: "/mergeline review", user: "ana" });
    const requested = await poll(
      async () => (await ofPull()).find((row) => row.trigger === "request" && row.publishedAt),
      "the requested review",
    );
    expect(requested).toMatchObject({ status: "completed", requestedBy: "github:ana", headSha: forkHead });
    expect(comments()).toHaveLength(posted);

    // Bo pushes a fix to the fork: pull_request.synchronize on the base repository reviews the new head.
    await writeFiles(clone, fixOneFiles(secrets));
    await runGit(clone, ["commit", "--quiet", "-am", "Read the GitHub token from the environment"]);
    await gh.pushAsUser({ repo: fork.fullName, user: "bo", from: clone, branch: "coupons" });
    const fixedHead = (await runGit(clone, ["rev-parse", "HEAD"])).trim();
    const third = await poll(
      async () => (await ofPull()).find((row) => row.headSha === fixedHead && row.publishedAt),
      "the review of the fork's new commit",
    );
    expect(third).toMatchObject({ trigger: "auto", status: "completed" });
    expect(comments()).toHaveLength(posted);
    expect(at(FINDING_LINES.github)[0]!.body).toContain("**Resolved**");

    // Nothing of the fork ran, and no working copy of it was made: the review only read git objects.
    await expect(fs.stat(ran)).rejects.toThrow();
    const { getGitProvider } = await import("@/lib/git-provider");
    const mirrorDir = getGitProvider(project, { db }).mirrorDir({ project });
    const worktrees = await runGit(mirrorDir, ["worktree", "list", "--porcelain"], { env: { GIT_DIR: mirrorDir } });
    expect(worktrees.match(/^worktree /gm)).toHaveLength(1);
    expect(gh.violations).toEqual([]);
    await fs.rm(clone, { recursive: true, force: true });
  }, 240_000);
});
