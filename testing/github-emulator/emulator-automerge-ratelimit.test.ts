import { Octokit } from "@octokit/core";
import { restEndpointMethods } from "@octokit/plugin-rest-endpoint-methods";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatorApp } from "./emulator-octokit";
import { pushBranch } from "./emulator-test-git";
import { startWebhookReceiver } from "./emulator-webhook-receiver";
import { startGitHubEmulator, type GitHubEmulator } from "./index";

describe("GitHub emulator: GraphQL native auto-merge and rate limits", () => {
  let gh: GitHubEmulator;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let installationId: number;
  let token: string;
  const repo = { owner: "acme", repo: "widgets" };

  beforeAll(async () => {
    receiver = await startWebhookReceiver("s");
    gh = await startGitHubEmulator({ webhook: { url: receiver.url, secret: "s" } });
    installationId = gh.createInstallation({
      account: { login: "acme", type: "Organization" },
      repositories: "all",
    }).id;
    await gh.createRepository({ owner: "acme", name: "widgets" });
    gh.setBranchProtection({ repo: "acme/widgets", branch: "main", requiredChecks: ["ci"] });
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

  // @octokit/graphql reserves "method", "query", "url", "headers" and "request" as variable names.
  const enable = `mutation($id: ID!, $mergeMethod: PullRequestMergeMethod!) {
    enablePullRequestAutoMerge(input: { pullRequestId: $id, mergeMethod: $mergeMethod }) { pullRequest { number autoMergeRequest { mergeMethod } } }
  }`;

  it("merges by itself once the required check run succeeds", async () => {
    const octokit = await emulatorApp(gh).getInstallationOctokit(installationId);
    const sha = await pushBranch(gh, { token, repo: "acme/widgets", branch: "auto", files: { "auto.txt": "x\n" } });
    const { data: pr } = await octokit.rest.pulls.create({ ...repo, head: "auto", base: "main", title: "Auto" });
    const blocked = await octokit.rest.pulls
      .merge({ ...repo, pull_number: pr.number, merge_method: "squash" })
      .catch((error: { status: number; message: string }) => error);
    expect(blocked).toMatchObject({ status: 405, message: expect.stringMatching(/required status check/i) });

    const { data: repoInfo } = await octokit.rest.repos.get(repo);
    expect(repoInfo.allow_auto_merge).toBe(true);
    const queried = await octokit.graphql<{ repository: { autoMergeAllowed: boolean; pr: { id: string } } }>(
      `query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { autoMergeAllowed pr: pullRequest(number: ${pr.number}) { id } } }`,
      { owner: "acme", name: "widgets" },
    );
    expect(queried.repository).toEqual({ autoMergeAllowed: true, pr: { id: pr.node_id } });
    const enabled = await octokit.graphql<{
      enablePullRequestAutoMerge: { pullRequest: { number: number; autoMergeRequest: { mergeMethod: string } } };
    }>(enable, { id: pr.node_id, mergeMethod: "SQUASH" });
    expect(enabled.enablePullRequestAutoMerge.pullRequest).toEqual({
      number: pr.number,
      autoMergeRequest: { mergeMethod: "SQUASH" },
    });
    expect((await octokit.rest.pulls.get({ ...repo, pull_number: pr.number })).data.auto_merge?.merge_method).toBe(
      "squash",
    );

    const annotation = {
      path: "auto.txt",
      start_line: 1,
      end_line: 1,
      annotation_level: "warning" as const,
      message: "looks odd",
    };
    const { data: run } = await octokit.rest.checks.create({
      ...repo,
      name: "ci",
      head_sha: sha,
      status: "in_progress",
      output: { title: "CI", summary: "running", annotations: [annotation] },
    });
    await octokit.rest.checks.update({
      ...repo,
      check_run_id: Number(run.id),
      output: { title: "CI", summary: "running", annotations: [annotation] },
    });
    const { data: annotations } = await octokit.rest.checks.listAnnotations({ ...repo, check_run_id: Number(run.id) });
    expect(annotations.map((a) => a.message)).toEqual(["looks odd", "looks odd"]);
    await octokit.rest.repos.createCommitStatus({ ...repo, sha, state: "pending", context: "other" });
    await gh.idle();
    expect(gh.getPullRequest("acme/widgets", pr.number).pull?.merged).toBe(false);
    await octokit.rest.checks.update({
      ...repo,
      check_run_id: Number(run.id),
      status: "completed",
      conclusion: "success",
    });
    await gh.idle();
    const { data: merged } = await octokit.rest.pulls.get({ ...repo, pull_number: pr.number });
    expect(merged).toMatchObject({ merged: true, state: "closed", auto_merge: null });
    expect(await gh.branchHead("acme/widgets", "main")).toBe(merged.merge_commit_sha);
    expect(receiver.received.map((r) => `${r.event}.${r.action}`)).toEqual(
      expect.arrayContaining([
        "pull_request.auto_merge_enabled",
        "status.undefined",
        "check_run.completed",
        "check_suite.completed",
        "pull_request.closed",
      ]),
    );
    expect(gh.violations).toEqual([]);
  });

  it("refuses auto-merge where the repository does not allow it, and records unsupported GraphQL", async () => {
    const octokit = await emulatorApp(gh).getInstallationOctokit(installationId);
    await pushBranch(gh, { token, repo: "acme/widgets", branch: "auto2", files: { "auto2.txt": "y\n" } });
    const { data: pr } = await octokit.rest.pulls.create({ ...repo, head: "auto2", base: "main", title: "Auto 2" });
    gh.setAutoMergeAllowed({ repo: "acme/widgets", allowed: false });
    await expect(octokit.graphql(enable, { id: pr.node_id, mergeMethod: "MERGE" })).rejects.toMatchObject({
      errors: [expect.objectContaining({ message: expect.stringMatching(/not allowed/) })],
    });
    gh.setAutoMergeAllowed({ repo: "acme/widgets", allowed: true });
    expect(gh.violations).toEqual([]);
    await expect(octokit.graphql("{ viewer { login } }")).rejects.toMatchObject({ errors: [expect.anything()] });
    expect(gh.violations.map((v) => v.kind)).toEqual(["graphql"]);
    gh.violations.length = 0;
  });

  it("injects primary and secondary rate limits that the throttling and retry plugins handle", async () => {
    const seen: string[] = [];
    const Throttled = Octokit.plugin(restEndpointMethods, throttling, retry).defaults({
      baseUrl: gh.apiUrl,
      throttle: {
        onRateLimit: (retryAfter: number) => (seen.push(`primary:${retryAfter}`), seen.length < 5),
        onSecondaryRateLimit: (retryAfter: number) => (seen.push(`secondary:${retryAfter}`), seen.length < 5),
      },
    });
    const client = new Throttled({ auth: token });
    const headers = (await client.rest.repos.get(repo)).headers;
    expect(headers["x-ratelimit-limit"]).toBe("5000");
    expect(Number(headers["x-ratelimit-remaining"])).toBeLessThan(5000);
    expect(headers["x-ratelimit-resource"]).toBe("core");
    expect(headers["x-ratelimit-used"]).toBeDefined();
    gh.failNext({ status: 403, secondary: true, retryAfterSeconds: 1 });
    expect((await client.rest.repos.get(repo)).data.full_name).toBe("acme/widgets");
    gh.failNext({ status: 429, retryAfterSeconds: 1 });
    expect((await client.rest.repos.get(repo)).status).toBe(200);
    expect(seen).toEqual(["secondary:1", expect.stringMatching(/^primary:[012]$/)]);

    const plain = Octokit.plugin(restEndpointMethods).defaults({ baseUrl: gh.apiUrl });
    gh.failNext({ status: 403, retryAfterSeconds: 30 });
    const error = await new plain({ auth: token }).rest.repos
      .get(repo)
      .catch((e: { status: number; response: { headers: Record<string, string> } }) => e);
    expect(error).toMatchObject({ status: 403, response: { headers: { "x-ratelimit-remaining": "0" } } });
    expect(gh.violations).toEqual([]);
  });
});
