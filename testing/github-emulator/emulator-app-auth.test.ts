import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatorApp, EmulatorOctokit } from "./emulator-octokit";
import { startGitHubEmulator, type GitHubEmulator } from "./index";

describe("GitHub emulator: App auth and installation tokens", () => {
  let gh: GitHubEmulator;
  let installationId: number;

  beforeAll(async () => {
    gh = await startGitHubEmulator();
    installationId = gh.createInstallation({
      account: { login: "acme", type: "Organization" },
      repositories: ["acme/widgets"],
    }).id;
    await gh.createRepository({ owner: "acme", name: "widgets", files: { "README.md": "# widgets\n" } });
    await gh.createRepository({ owner: "acme", name: "secret" });
  });
  afterAll(async () => gh?.close());

  it("serves /app, installations and tokens to the real @octokit/app, all matching the spec", async () => {
    const app = emulatorApp(gh);
    const { data: me } = await app.octokit.request("GET /app");
    expect(me?.id).toBe(gh.appId);
    const { data: installations } = await app.octokit.request("GET /app/installations");
    expect(installations.map((i) => i.id)).toEqual([installationId]);
    const { data: forRepo } = await app.octokit.request("GET /repos/{owner}/{repo}/installation", {
      owner: "acme",
      repo: "widgets",
    });
    expect(forRepo.id).toBe(installationId);

    const octokit = await app.getInstallationOctokit(installationId);
    const { data: list } = await octokit.request("GET /installation/repositories");
    expect(list.repositories.map((r) => r.full_name)).toEqual(["acme/widgets"]);
    const { data: repo } = await octokit.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "widgets" });
    expect(repo.default_branch).toBe("main");
    expect(repo.clone_url).toBe(`${gh.url}/acme/widgets.git`);
    const { data: branch } = await octokit.request("GET /repos/{owner}/{repo}/branches/{branch}", {
      owner: "acme",
      repo: "widgets",
      branch: "main",
    });
    expect(branch.commit.sha).toBe(await gh.branchHead("acme/widgets", "main"));
    const { data: ref } = await octokit.request("GET /repos/{owner}/{repo}/git/ref/{ref}", {
      owner: "acme",
      repo: "widgets",
      ref: "heads/main",
    });
    expect(ref.object.sha).toBe(branch.commit.sha);
    expect(gh.violations).toEqual([]);
  });

  it("refuses a repository outside the installation, a forged JWT and an expired token", async () => {
    const octokit = await emulatorApp(gh).getInstallationOctokit(installationId);
    await expect(octokit.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "secret" })).rejects.toMatchObject(
      { status: 404 },
    );
    const forged = new EmulatorOctokit({ baseUrl: gh.apiUrl, auth: "aaa.bbb.ccc" });
    await expect(forged.request("GET /app")).rejects.toMatchObject({ status: 401 });
    const anonymous = new EmulatorOctokit({ baseUrl: gh.apiUrl });
    await expect(
      anonymous.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "widgets" }),
    ).rejects.toMatchObject({ status: 401 });

    const short = await startGitHubEmulator({ tokenTtlSeconds: 1 });
    try {
      const id = short.createInstallation({ account: { login: "acme" }, repositories: "all" }).id;
      await short.createRepository({ owner: "acme", name: "widgets" });
      const { data } = await emulatorApp(short).octokit.request(
        "POST /app/installations/{installation_id}/access_tokens",
        { installation_id: id },
      );
      const client = new EmulatorOctokit({ baseUrl: short.apiUrl, auth: data.token });
      await client.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "widgets" });
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await expect(
        client.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "widgets" }),
      ).rejects.toMatchObject({ status: 401 });
      expect(short.violations).toEqual([]);
    } finally {
      await short.close();
    }
  });

  it("records a wrong request, an unknown route and a wrong response as violations", async () => {
    const octokit = await emulatorApp(gh).getInstallationOctokit(installationId);
    const before = gh.violations.length;
    await expect(
      octokit.request("GET /repos/{owner}/{repo}/nonsense-route", { owner: "acme", repo: "widgets" }),
    ).rejects.toMatchObject({ status: 404 });
    // A deliberately wrong body: `name` missing and `color` a number.
    const wrongBody = {
      owner: "acme",
      repo: "widgets",
      color: 7 as unknown as string,
      name: undefined as unknown as string,
    };
    await expect(octokit.request("POST /repos/{owner}/{repo}/labels", wrongBody)).rejects.toMatchObject({
      status: 422,
    });
    await expect(
      octokit.request("GET /repos/{owner}/{repo}/pulls", { owner: "acme", repo: "widgets", state: "bogus" as "open" }),
    ).rejects.toMatchObject({ status: 422 });
    gh.corruptNextResponse((body) => ({ ...(body as object), default_branch: 7, owner: null }));
    await octokit.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "widgets" });
    const found = gh.violations.slice(before);
    expect(found.map((v) => v.kind)).toEqual(["route", "request", "request", "response"]);
    expect(found[1].errors.join(" ")).toMatch(/name/);
    expect(found[2].errors.join(" ")).toMatch(/query param state must be one of open, closed, all/);
    expect(found[3]).toMatchObject({ method: "GET", path: "/repos/acme/widgets", status: 200 });
    expect(found[3].errors.join(" ")).toMatch(/default_branch must be string/);
    gh.violations.length = before;
  });
});
