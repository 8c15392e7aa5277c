import {
  bodyObject,
  HttpError,
  issueFromParams,
  page,
  repoFromParams,
  validationFailed,
  type Handler,
} from "./context";
import { diffFiles } from "./diff-files";
import { pullFacts } from "./pull-facts";
import { readCommit } from "./read-commit";
import { git, runGit } from "./run-git";
import { serializeCommit } from "./serialize-commit";
import { nodeId } from "./urls";

/** Creating and deleting refs, listing branches, reading a commit, a PR's files. */
export const refRoutes: Record<string, Handler> = {
  "POST /repos/{owner}/{repo}/git/refs": async (request) => {
    const { ctx } = request;
    const repo = repoFromParams(request);
    const body = bodyObject(request.body);
    const ref = String(body.ref);
    if (!/^refs\/(heads|tags)\/./.test(ref))
      throw validationFailed("Reference name must start with 'refs/heads/' or 'refs/tags/'", "ref", "Reference");
    if ((await runGit(repo.dir, ["cat-file", "-e", `${String(body.sha)}^{commit}`])).code !== 0)
      throw validationFailed("Object does not exist", "sha", "Reference");
    // The empty old value makes update-ref fail when the ref already exists.
    const created = await runGit(repo.dir, ["update-ref", ref, String(body.sha), ""]);
    if (created.code !== 0) throw validationFailed("Reference already exists", "ref", "Reference", "already_exists");
    const api = ctx.urls.repoApi(repo.fullName);
    return {
      status: 201,
      body: {
        ref,
        node_id: nodeId("Ref", repo.id),
        url: `${api}/git/${ref}`,
        object: { type: "commit", sha: String(body.sha), url: `${api}/git/commits/${String(body.sha)}` },
      },
    };
  },
  "DELETE /repos/{owner}/{repo}/git/refs/{ref}": async (request) => {
    const repo = repoFromParams(request);
    const ref = `refs/${request.params.ref}`;
    if (ref === `refs/heads/${repo.defaultBranch}`)
      throw validationFailed("Cannot delete the default branch", "ref", "Reference");
    if ((await runGit(repo.dir, ["show-ref", "--verify", "--quiet", ref])).code !== 0)
      throw validationFailed("Reference does not exist", "ref", "Reference");
    await git(repo.dir, ["update-ref", "-d", ref]);
    return { status: 204 };
  },
  "GET /repos/{owner}/{repo}/branches": async (request) => {
    const { ctx } = request;
    const repo = repoFromParams(request);
    const out = await git(repo.dir, ["for-each-ref", "--format=%(refname:short) %(objectname)", "refs/heads"]);
    const branches = out
      .split("\n")
      .filter(Boolean)
      .map((line) => line.split(" "));
    return {
      status: 200,
      body: page(branches, request).map(([name, sha]) => ({
        name,
        commit: { sha, url: ctx.urls.repoApi(repo.fullName, `/commits/${sha}`) },
        protected: repo.protections.has(name),
      })),
    };
  },
  "GET /repos/{owner}/{repo}/commits/{ref}": async (request) => {
    const repo = repoFromParams(request);
    const found = await runGit(repo.dir, ["rev-parse", "--verify", "--quiet", `${request.params.ref}^{commit}`]);
    if (found.code !== 0) throw new HttpError(422, `No commit found for SHA: ${request.params.ref}`);
    const commit = await readCommit(repo.dir, found.stdout.trim());
    const files = commit.parents[0] ? await diffFiles(request.ctx, repo, commit.parents[0], commit.sha) : [];
    const stats = files.reduce<{ additions: number; deletions: number; total: number }>(
      (sum, f) => ({
        additions: sum.additions + Number(f.additions),
        deletions: sum.deletions + Number(f.deletions),
        total: sum.total + Number(f.changes),
      }),
      { additions: 0, deletions: 0, total: 0 },
    );
    return { status: 200, body: { ...serializeCommit(request.ctx.urls, repo, commit), stats, files } };
  },
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/files": async (request) => {
    const repo = repoFromParams(request);
    const issue = issueFromParams(request, repo, true);
    const facts = await pullFacts(repo, issue);
    const mergeBase = (await git(repo.dir, ["merge-base", facts.baseSha, facts.headSha])) || facts.baseSha;
    return { status: 200, body: page(await diffFiles(request.ctx, repo, mergeBase, facts.headSha), request) };
  },
};
