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
import {
  ADVISORY_FIXTURE_DIR,
  FINDING_LINES,
  findingFiles,
  fixOneFiles,
  plantedSecrets,
} from "@/testing/reviews/review-fixture";

// A person's pull request on GitHub reviewed on request, end to end: `/mergeline review` in a
// comment (signed webhook through the real route), the review-pull-request function, a pull
// request review with inline comments on the right lines of the emulator, the check run's
// annotations; then a new commit pushed over git HTTP (pull_request.synchronize) is reviewed
// again: the fixed finding's comment is marked resolved, nothing is posted twice.
const secret = "review-github-test-secret-0123456789";
const secrets = plantedSecrets();
const repo = reviewRepo;
let setup: GitHubReviewSetup;
let gh: GitHubEmulator;
let harness: PipelineHarness;
let poll: GitHubReviewSetup["poll"];
const reviewer = scriptedFinding;

beforeAll(async () => {
  setup = await startGitHubReviewSetup({ secret, env: { MERGELINE_ADVISORY_DB: ADVISORY_FIXTURE_DIR } });
  ({ gh, harness, poll } = setup);
}, 180_000);
afterAll(() => setup?.close());

describe("a GitHub pull request reviewed on request", () => {
  it("posts findings as inline review comments on their lines, then resolves the fixed one on the next commit", async () => {
    const { getGitHubApp } = await import("@/lib/git-provider/github/app-from-env");
    const { reviews } = await import("@/db/schema");
    const { runGit } = await import("@/lib/workspaces/run-git");
    const { writeFiles } = await import("@/testing/local-project");
    const { eq } = await import("drizzle-orm");
    const { db } = harness;

    const { project, githubInstallationId } = await setup.installProject();

    // Ana pushes a branch over git HTTP and opens a pull request.
    const octokit = await getGitHubApp().installationOctokit(githubInstallationId);
    const { token } = (await octokit.auth({ type: "installation" })) as { token: string };
    const clone = path.join(harness.dir, "ana-clone");
    const auth = { env: gh.gitAuthEnv(token) };
    await runGit(harness.dir, ["clone", "--quiet", `${gh.url}/${repo}.git`, clone], auth);
    await runGit(clone, ["checkout", "--quiet", "-b", "feature"]);
    await writeFiles(clone, findingFiles(secrets));
    await runGit(clone, ["add", "--all"]);
    await runGit(clone, ["commit", "--quiet", "-m", "Integrations and coupons"]);
    // Straight into the bare repository: no push webhook before the PR exists.
    await runGit(clone, ["push", "--quiet", gh.repoPath(repo), "feature"]);
    const { data: pull } = await octokit.rest.pulls.create({
      owner: "acme",
      repo: "shop",
      head: "feature",
      base: "main",
      title: "Integrations and coupons",
    });

    // `/mergeline review` from someone with write access.
    await gh.commentOnIssue({ repo, number: pull.number, body: "/mergeline review", user: "ana" });
    const first = await poll(async () => {
      const [row] = await db.select().from(reviews).where(eq(reviews.projectId, project.id));
      return row?.publishedAt ? row : undefined;
    }, "the first review to be posted");
    expect(first).toMatchObject({ trigger: "request", status: "completed", requestedBy: "github:ana" });
    expect(first.blockers.join()).toContain("secret");

    const comments = () =>
      gh.getPullRequest(repo, pull.number).pull!.reviewComments.filter((comment) => comment.reviewId !== null);
    const at = (place: { path: string; line?: number }) =>
      comments().filter(
        (comment) => comment.path === place.path && (place.line === undefined || comment.line === place.line),
      );
    expect(at(FINDING_LINES.github)).toHaveLength(1);
    expect(at(FINDING_LINES.github)[0]!.body).toContain("GitHub");
    expect(at(FINDING_LINES.slack)).toHaveLength(1);
    expect(at(FINDING_LINES.aws)).toHaveLength(1);
    expect(at(FINDING_LINES.privateKey)).toHaveLength(1);
    expect(at(FINDING_LINES.complexity)[0]!.body).toContain("price is too complex (14)");
    expect(at({ path: reviewer.path, line: reviewer.line })[0]!.body).toContain(reviewer.title);
    expect(
      at(FINDING_LINES.lodash)
        .map((comment) => comment.body)
        .join(),
    ).toContain("GHSA-p6mc-m468-83gw");
    const posted = comments().length;
    for (const value of [secrets.github, secrets.slack, secrets.awsSecret])
      expect(JSON.stringify(comments().map((comment) => comment.body))).not.toContain(value);
    // The check run of the head: failed (secrets block merging), an annotation per finding.
    const check = gh.listCheckRuns(repo, first.headSha!).find((run) => run.name === "Mergeline review");
    expect(check?.conclusion).toBe("failure");
    expect(JSON.stringify(check)).toContain(FINDING_LINES.slack.path);

    // A new commit over git HTTP fixes the GitHub token: pull_request.synchronize reviews it again.
    await writeFiles(clone, fixOneFiles(secrets));
    await runGit(clone, ["commit", "--quiet", "-am", "Read the GitHub token from the environment"]);
    await runGit(clone, ["push", "--quiet", "origin", "feature"], auth);
    const second = await poll(async () => {
      const rows = await db.select().from(reviews).where(eq(reviews.projectId, project.id));
      return rows.find((row) => row.id !== first.id && row.publishedAt);
    }, "the review of the new commit");
    expect(second.trigger).toBe("auto");
    expect(comments()).toHaveLength(posted);
    expect(at(FINDING_LINES.github)[0]!.body).toContain("**Resolved**");
    expect(at(FINDING_LINES.slack)[0]!.body).not.toContain("Resolved");

    // With autoReview, a pull request is reviewed as soon as it is opened (pull_request.opened).
    const { projects } = await import("@/db/schema");
    await db
      .update(projects)
      .set({ settings: { ...project.settings, autoReview: true } })
      .where(eq(projects.id, project.id));
    await runGit(clone, ["checkout", "--quiet", "-b", "docs", "main"]);
    await writeFiles(clone, { "README.md": "# shop\n\nHow to run it.\n" });
    await runGit(clone, ["commit", "--quiet", "-am", "Docs"]);
    await runGit(clone, ["push", "--quiet", "origin", "docs"], auth);
    const { data: docs } = await octokit.rest.pulls.create({
      owner: "acme",
      repo: "shop",
      head: "docs",
      base: "main",
      title: "Docs",
    });
    const automatic = await poll(async () => {
      const rows = await db.select().from(reviews).where(eq(reviews.projectId, project.id));
      return rows.find((row) => row.pullRequestNumber === docs.number && row.publishedAt);
    }, "the automatic review of the new pull request");
    expect(automatic).toMatchObject({ trigger: "auto", status: "completed", blockers: [] });
    await fs.rm(clone, { recursive: true, force: true });
  }, 240_000);
});
