import { HttpError, repoFromParams, type Handler } from "./context";
import { readCommit } from "./read-commit";
import { branchSha, git, runGit } from "./run-git";
import { serializeUser } from "./serialize-basics";
import { serializeCommit } from "./serialize-commit";
import { serializeRepo } from "./serialize-repo";
import type { Repo } from "./state";
import type { Urls } from "./urls";
import { nodeId } from "./urls";

function serializeRef(urls: Urls, repo: Repo, ref: string, sha: string): Record<string, unknown> {
  const api = urls.repoApi(repo.fullName);
  return {
    ref,
    node_id: nodeId("Ref", Number.parseInt(sha.slice(0, 8), 16)),
    url: `${api}/git/${ref}`,
    object: { type: "commit", sha, url: `${api}/git/commits/${sha}` },
  };
}

export function protectionBody(
  urls: Urls,
  repo: Repo,
  branch: string,
  requiredChecks: string[],
): Record<string, unknown> {
  const url = urls.repoApi(repo.fullName, `/branches/${branch}/protection`);
  return {
    url,
    enabled: true,
    required_status_checks: {
      url: `${url}/required_status_checks`,
      enforcement_level: "non_admins",
      contexts: requiredChecks,
      checks: requiredChecks.map((context) => ({ context, app_id: null })),
      contexts_url: `${url}/required_status_checks/contexts`,
      strict: false,
    },
  };
}

/** Repository, branch, ref, permission and protection reads. */
export const repoRoutes: Record<string, Handler> = {
  "GET /repos/{owner}/{repo}": (request) => ({
    status: 200,
    body: serializeRepo(request.ctx.urls, repoFromParams(request), true),
  }),
  "GET /repos/{owner}/{repo}/branches/{branch}": async (request) => {
    const { ctx, params } = request;
    const repo = repoFromParams(request);
    const sha = await branchSha(repo.dir, params.branch);
    if (!sha) throw new HttpError(404, "Branch not found");
    const protection = repo.protections.get(params.branch);
    const api = ctx.urls.repoApi(repo.fullName);
    return {
      status: 200,
      body: {
        name: params.branch,
        commit: serializeCommit(ctx.urls, repo, await readCommit(repo.dir, sha)),
        _links: {
          html: ctx.urls.html(`${repo.fullName}/tree/${params.branch}`),
          self: `${api}/branches/${params.branch}`,
        },
        protected: Boolean(protection),
        protection: protection
          ? {
              enabled: true,
              required_status_checks: {
                enforcement_level: "non_admins",
                contexts: protection.requiredChecks,
                checks: protection.requiredChecks.map((context) => ({ context, app_id: null })),
              },
            }
          : { enabled: false, required_status_checks: { enforcement_level: "off", contexts: [], checks: [] } },
        protection_url: `${api}/branches/${params.branch}/protection`,
      },
    };
  },
  "GET /repos/{owner}/{repo}/branches/{branch}/protection": (request) => {
    const repo = repoFromParams(request);
    const protection = repo.protections.get(request.params.branch);
    if (!protection) throw new HttpError(404, "Branch not protected");
    return {
      status: 200,
      body: protectionBody(request.ctx.urls, repo, request.params.branch, protection.requiredChecks),
    };
  },
  "GET /repos/{owner}/{repo}/git/ref/{ref}": async (request) => {
    const repo = repoFromParams(request);
    const ref = `refs/${request.params.ref}`;
    const result = await runGit(repo.dir, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
    if (result.code !== 0 || !/^(heads|tags)\//.test(request.params.ref)) throw new HttpError(404, "Not Found");
    return { status: 200, body: serializeRef(request.ctx.urls, repo, ref, result.stdout.trim()) };
  },
  "GET /repos/{owner}/{repo}/git/matching-refs/{ref}": async (request) => {
    const repo = repoFromParams(request);
    const out = await git(repo.dir, [
      "for-each-ref",
      "--format=%(refname) %(objectname)",
      `refs/${request.params.ref.replace(/\/$/, "")}`,
      `refs/${request.params.ref}*`,
    ]);
    const seen = new Set<string>();
    const refs = out
      .split("\n")
      .filter(Boolean)
      .map((line) => line.split(" "))
      .filter(([ref]) => !seen.has(ref) && seen.add(ref));
    return { status: 200, body: refs.map(([ref, sha]) => serializeRef(request.ctx.urls, repo, ref, sha)) };
  },
  "GET /repos/{owner}/{repo}/collaborators/{username}/permission": (request) => {
    const { ctx, params } = request;
    const repo = repoFromParams(request);
    const stored =
      repo.owner.login.toLowerCase() === params.username.toLowerCase()
        ? "admin"
        : repo.permissions.get(params.username.toLowerCase());
    if (!stored || stored === "none") {
      if (!ctx.state.accounts.has(params.username.toLowerCase()))
        throw new HttpError(404, `${params.username} is not a user`);
    }
    const role = stored ?? "none";
    // The legacy `permission` field folds maintain into write and triage into read.
    const legacy = role === "maintain" ? "write" : role === "triage" ? "read" : role;
    const user = ctx.state.account(params.username);
    return {
      status: 200,
      body: {
        permission: legacy,
        role_name: role,
        user: {
          ...serializeUser(ctx.urls, user),
          permissions: {
            admin: role === "admin",
            maintain: ["admin", "maintain"].includes(role),
            push: ["admin", "maintain", "write"].includes(role),
            triage: role !== "read" && role !== "none",
            pull: role !== "none",
          },
          role_name: role,
        },
      },
    };
  },
  "GET /repos/{owner}/{repo}/contents/{path}": async (request) => {
    const { ctx, params, query } = request;
    const repo = repoFromParams(request);
    const ref = query.get("ref") ?? repo.defaultBranch;
    const spec = `${ref}:${params.path}`;
    const type = await runGit(repo.dir, ["cat-file", "-t", spec]);
    if (type.code !== 0 || type.stdout.trim() !== "blob") throw new HttpError(404, "Not Found");
    const sha = await git(repo.dir, ["rev-parse", spec]);
    const content = (await runGit(repo.dir, ["cat-file", "blob", sha])).stdout;
    const api = ctx.urls.repoApi(repo.fullName, `/contents/${params.path}?ref=${ref}`);
    const html = ctx.urls.html(`${repo.fullName}/blob/${ref}/${params.path}`);
    const gitUrl = ctx.urls.repoApi(repo.fullName, `/git/blobs/${sha}`);
    return {
      status: 200,
      body: {
        type: "file",
        encoding: "base64",
        size: Buffer.byteLength(content),
        name: params.path.split("/").at(-1),
        path: params.path,
        content: Buffer.from(content).toString("base64"),
        sha,
        url: api,
        git_url: gitUrl,
        html_url: html,
        download_url: `${ctx.urls.base}/raw/${repo.fullName}/${ref}/${params.path}`,
        _links: { self: api, git: gitUrl, html },
      },
    };
  },
};
