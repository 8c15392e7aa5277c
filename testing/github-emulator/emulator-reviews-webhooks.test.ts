import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatorApp } from "./emulator-octokit";
import { pushBranch } from "./emulator-test-git";
import { startWebhookReceiver } from "./emulator-webhook-receiver";
import { startGitHubEmulator, type GitHubEmulator } from "./index";

describe("GitHub emulator: reviews and webhooks from people, pushes and merges", () => {
  let gh: GitHubEmulator;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let token: string;
  let installationId: number;

  beforeAll(async () => {
    receiver = await startWebhookReceiver("s3cret");
    gh = await startGitHubEmulator({ webhook: { url: receiver.url, secret: "s3cret" } });
    installationId = gh.createInstallation({
      account: { login: "acme", type: "Organization" },
      repositories: "all",
    }).id;
    await gh.createRepository({ owner: "acme", name: "widgets", files: { "src/app.ts": "export const a = 1;\n" } });
    gh.setPermission({ repo: "acme/widgets", user: "rita", permission: "write" });
    token = (
      await emulatorApp(gh).octokit.request("POST /app/installations/{installation_id}/access_tokens", {
        installation_id: installationId,
      })
    ).data.token;
  });
  afterAll(async () => {
    await gh?.close();
    await receiver?.close();
  });

  it("delivers review, review comment, synchronize and closed events; the App replies to a review comment", async () => {
    const octokit = await emulatorApp(gh).getInstallationOctokit(installationId);
    await pushBranch(gh, {
      token,
      repo: "acme/widgets",
      branch: "mergeline/1",
      files: { "src/app.ts": "export const a = 1;\nexport const b = 2;\n" },
    });
    const { data: pr } = await octokit.rest.pulls.create({
      owner: "acme",
      repo: "widgets",
      head: "mergeline/1",
      base: "main",
      title: "Add b",
    });
    const { commentIds } = await gh.submitReview({
      repo: "acme/widgets",
      number: pr.number,
      user: "rita",
      state: "CHANGES_REQUESTED",
      body: "Please rename",
      comments: [{ path: "src/app.ts", line: 2, body: "call it c" }],
    });
    const { data: reviews } = await octokit.rest.pulls.listReviews({
      owner: "acme",
      repo: "widgets",
      pull_number: pr.number,
    });
    expect(reviews.map((r) => [r.user?.login, r.state])).toEqual([["rita", "CHANGES_REQUESTED"]]);
    const { data: comments } = await octokit.rest.pulls.listReviewComments({
      owner: "acme",
      repo: "widgets",
      pull_number: pr.number,
    });
    expect(comments[0]).toMatchObject({ id: commentIds[0], path: "src/app.ts", line: 2, body: "call it c" });
    expect(comments[0].diff_hunk).toContain("+export const b = 2;");
    const { data: reply } = await octokit.rest.pulls.createReplyForReviewComment({
      owner: "acme",
      repo: "widgets",
      pull_number: pr.number,
      comment_id: commentIds[0],
      body: "Renamed",
    });
    expect(reply.in_reply_to_id).toBe(commentIds[0]);

    const before = await gh.branchHead("acme/widgets", "mergeline/1");
    const after = await pushBranch(gh, {
      token,
      repo: "acme/widgets",
      branch: "mergeline/1",
      from: "origin/mergeline/1",
      files: { "src/app.ts": "export const a = 1;\nexport const c = 2;\n" },
    });
    // A push's events leave in the background, as GitHub's do: the review below comes after them.
    await gh.idle();
    await gh.submitReview({ repo: "acme/widgets", number: pr.number, user: "rita", state: "APPROVED" });
    await gh.mergePullRequestAsUser({ repo: "acme/widgets", number: pr.number, user: "rita", method: "squash" });
    await gh.idle();

    const seen = receiver.received.filter((r) => r.event !== "installation").map((r) => `${r.event}.${r.action}`);
    expect(seen).toEqual([
      "push.undefined",
      "pull_request.opened",
      "pull_request_review.submitted",
      "pull_request_review_comment.created",
      "pull_request_review_comment.created",
      "push.undefined",
      "pull_request.synchronize",
      "pull_request_review.submitted",
      "push.undefined",
      "pull_request.closed",
    ]);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    const byName = (event: string, action?: string) =>
      receiver.received.filter((r) => r.event === event && r.action === action).map((r) => r.body);
    expect(byName("push")[0]).toMatchObject({ ref: "refs/heads/mergeline/1", created: true, before: "0".repeat(40) });
    expect(byName("push")[1]).toMatchObject({
      ref: "refs/heads/mergeline/1",
      before,
      after,
      forced: false,
      commits: [expect.objectContaining({ id: after })],
    });
    expect(byName("push")[2]).toMatchObject({
      ref: "refs/heads/main",
      after: await gh.branchHead("acme/widgets", "main"),
      pusher: { name: "rita" },
    });
    expect(byName("pull_request", "synchronize")[0]).toMatchObject({ before, after, number: pr.number });
    const closed = byName("pull_request", "closed")[0] as {
      pull_request: { merged: boolean; merged_by: { login: string } };
      installation: { id: number };
    };
    expect(closed.pull_request).toMatchObject({ merged: true, merged_by: { login: "rita" } });
    expect(closed.installation.id).toBe(installationId);
    expect(gh.deliveries).toHaveLength(11);
    expect(gh.violations).toEqual([]);
  });

  it("catches a webhook payload or response that does not match the spec", async () => {
    const { getSpecValidator } = await import("./emulator/spec-validator");
    const validator = getSpecValidator();
    expect(
      validator.validateWebhook("issues", "labeled", { action: "labeled", issue: { number: "one" } }).length,
    ).toBeGreaterThan(0);
    const route = validator.match("GET", "/repos/acme/widgets/pulls/1");
    expect(route?.template).toBe("/repos/{owner}/{repo}/pulls/{pull_number}");
    const good = (
      await (
        await emulatorApp(gh).getInstallationOctokit(installationId)
      ).rest.pulls.get({ owner: "acme", repo: "widgets", pull_number: 1 })
    ).data;
    expect(validator.validateResponse(route!, 200, good)).toEqual([]);
    const { merged: _merged, ...withoutMerged } = good;
    expect(validator.validateResponse(route!, 200, withoutMerged).join()).toMatch(/merged/);
    expect(validator.validateResponse(route!, 200, { ...good, state: 42 }).join()).toMatch(/state/);
    expect(validator.validateResponse(route!, 201, good).join()).toMatch(/not documented/);
  });
});
