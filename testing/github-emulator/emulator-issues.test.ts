import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verify } from "@octokit/webhooks-methods";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatorApp } from "./emulator-octokit";
import { startGitHubEmulator, type GitHubEmulator } from "./index";

describe("GitHub emulator: issues, comments, labels, permissions", () => {
  let gh: GitHubEmulator;
  let receiver: Server;
  let installationId: number;
  const received: { event: string; delivery: string; verified: boolean; body: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let raw = "";
      req.on("data", (c: Buffer) => (raw += c.toString()));
      req.on("end", async () => {
        const verified = await verify("hook-secret", raw, String(req.headers["x-hub-signature-256"]));
        received.push({
          event: String(req.headers["x-github-event"]),
          delivery: String(req.headers["x-github-delivery"]),
          verified,
          body: JSON.parse(raw),
        });
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    gh = await startGitHubEmulator({
      webhook: { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, secret: "hook-secret" },
    });
    installationId = gh.createInstallation({
      account: { login: "acme", type: "Organization" },
      repositories: "all",
    }).id;
    await gh.createRepository({ owner: "acme", name: "widgets" });
    gh.setPermission({ repo: "acme/widgets", user: "alice", permission: "maintain" });
    gh.setPermission({ repo: "acme/widgets", user: "bob", permission: "read" });
  });
  afterAll(async () => {
    await gh?.close();
    receiver?.close();
  });

  it("lets people open, label and comment, delivering signed webhooks of GitHub's shape", async () => {
    const { number } = await gh.createIssue({
      repo: "acme/widgets",
      title: "Add a thing",
      body: "Please",
      user: "alice",
    });
    await gh.addLabel({ repo: "acme/widgets", number, label: "mergeline", user: "alice" });
    await gh.commentOnIssue({ repo: "acme/widgets", number, body: "/mergeline go", user: "alice" });
    await gh.idle();
    expect(received.map((r) => `${r.event}.${String(r.body.action)}`)).toEqual([
      "installation.created",
      "issues.opened",
      "issues.labeled",
      "issue_comment.created",
    ]);
    expect(received.every((r) => r.verified && /^[0-9a-f-]{36}$/.test(r.delivery))).toBe(true);
    expect(received[0].body.installation as { id: number; account: { login: string } }).toMatchObject({
      id: installationId,
      account: { login: "acme" },
    });
    expect((received[2].body.label as { name: string }).name).toBe("mergeline");
    expect((received[3].body.comment as { author_association: string }).author_association).toBe("COLLABORATOR");
    expect(gh.deliveries.map((d) => d.status)).toEqual([202, 202, 202, 202]);
    expect(gh.violations).toEqual([]);
  });

  it("serves the same issue through the REST API and applies the App's edits", async () => {
    const { number } = await gh.createIssue({ repo: "acme/widgets", title: "Second", user: "bob", labels: ["bug"] });
    const octokit = await emulatorApp(gh).getInstallationOctokit(installationId);
    const params = { owner: "acme", repo: "widgets", issue_number: number };
    const { data: issue } = await octokit.rest.issues.get(params);
    expect(issue.labels.map((l) => (typeof l === "string" ? l : l.name))).toEqual(["bug"]);
    const { data: comment } = await octokit.rest.issues.createComment({ ...params, body: "Planning..." });
    expect(comment.user?.login).toBe(`${gh.appSlug}[bot]`);
    await octokit.rest.issues.updateComment({
      owner: "acme",
      repo: "widgets",
      comment_id: comment.id,
      body: "Plan ready",
    });
    expect(
      (await octokit.rest.issues.getComment({ owner: "acme", repo: "widgets", comment_id: comment.id })).data.body,
    ).toBe("Plan ready");
    expect((await octokit.rest.issues.listComments(params)).data).toHaveLength(1);
    await octokit.rest.issues.createLabel({
      owner: "acme",
      repo: "widgets",
      name: "mergeline:running",
      color: "0e8a16",
    });
    await octokit.rest.issues.addLabels({ ...params, labels: ["mergeline:running"] });
    await octokit.rest.issues.removeLabel({ ...params, name: "bug" });
    await octokit.rest.issues.setLabels({ ...params, labels: ["done"] });
    expect(gh.getIssue("acme/widgets", number).labels).toEqual(["done"]);
    await expect(octokit.rest.issues.removeLabel({ ...params, name: "nope" })).rejects.toMatchObject({ status: 404 });
    const { data: labels } = await octokit.rest.issues.listLabelsForRepo({ owner: "acme", repo: "widgets" });
    expect(labels.map((l) => l.name)).toEqual(
      expect.arrayContaining(["mergeline", "bug", "mergeline:running", "done"]),
    );
    const paged = await octokit.paginate(octokit.rest.issues.listLabelsForRepo, {
      owner: "acme",
      repo: "widgets",
      per_page: 2,
    });
    expect(paged.map((l) => l.name)).toEqual(labels.map((l) => l.name));
    expect(paged.length).toBeGreaterThan(2);
    await octokit.rest.issues.update({ ...params, state: "closed" });
    expect(gh.getIssue("acme/widgets", number).state).toBe("closed");

    const perm = async (username: string) =>
      (await octokit.rest.repos.getCollaboratorPermissionLevel({ owner: "acme", repo: "widgets", username })).data;
    expect(await perm("alice")).toMatchObject({ permission: "write", role_name: "maintain" });
    expect(await perm("bob")).toMatchObject({ permission: "read" });
    expect(await perm("acme")).toMatchObject({ permission: "admin" });
    await expect(perm("nobody-at-all")).rejects.toMatchObject({ status: 404 });
    await expect(octokit.rest.issues.get({ ...params, issue_number: 999 })).rejects.toMatchObject({ status: 404 });
    await gh.idle();
    expect(gh.violations).toEqual([]);
  });

  it("delivers installation lifecycle events and cuts off a removed installation's tokens", async () => {
    await gh.createRepository({ owner: "solo", name: "one" });
    await gh.createRepository({ owner: "solo", name: "two" });
    const installation = gh.createInstallation({ account: { login: "solo" }, repositories: ["solo/one"] });
    const octokit = await emulatorApp(gh).getInstallationOctokit(installation.id);
    await expect(octokit.rest.repos.get({ owner: "solo", repo: "two" })).rejects.toMatchObject({ status: 404 });
    gh.setInstallationRepositories({ installationId: installation.id, add: ["solo/two"] });
    expect((await octokit.rest.repos.get({ owner: "solo", repo: "two" })).data.full_name).toBe("solo/two");
    gh.setInstallationRepositories({ installationId: installation.id, remove: ["solo/one"] });
    gh.setInstallationSuspended(installation.id, true);
    await expect(octokit.rest.repos.get({ owner: "solo", repo: "two" })).rejects.toMatchObject({ status: 401 });
    gh.setInstallationSuspended(installation.id, false);
    gh.deleteInstallation(installation.id);
    await gh.idle();
    const events = received
      .filter((r) => (r.body.installation as { id: number }).id === installation.id)
      .map((r) => `${r.event}.${String(r.body.action)}`);
    expect(events).toEqual([
      "installation.created",
      "installation_repositories.added",
      "installation_repositories.removed",
      "installation.suspend",
      "installation.unsuspend",
      "installation.deleted",
    ]);
    expect(gh.violations).toEqual([]);
  });
});
