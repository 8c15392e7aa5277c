import { HttpError, repoFromParams, textFormat, type Handler } from "./context";
import { diffFiles } from "./diff-files";
import { readCommit } from "./read-commit";
import { git, runGit } from "./run-git";
import { serializeCommit } from "./serialize-commit";

/** GET compare/{base}...{head}: commits and files (with patches) from the merge base, via git. */
export const compareRoute: Record<string, Handler> = {
  "GET /repos/{owner}/{repo}/compare/{basehead}": async (request) => {
    const { ctx } = request;
    const repo = repoFromParams(request);
    const [base, head] = request.params.basehead.split("...");
    if (!base || !head) throw new HttpError(404, "Not Found");
    const resolve = async (rev: string) => {
      const found = await runGit(repo.dir, ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`]);
      if (found.code !== 0) throw new HttpError(404, "Not Found");
      return found.stdout.trim();
    };
    const baseSha = await resolve(base);
    const headSha = await resolve(head);
    const mergeBase = await git(repo.dir, ["merge-base", baseSha, headSha]);
    const format = textFormat(request);
    if (format) {
      const args =
        format === "diff"
          ? ["diff", "-M", mergeBase, headSha]
          : ["format-patch", "--stdout", `${mergeBase}..${headSha}`];
      return {
        status: 200,
        body: (await runGit(repo.dir, args)).stdout,
        contentType: `application/vnd.github.${format}; charset=utf-8`,
      };
    }
    const ahead = Number(await git(repo.dir, ["rev-list", "--count", `${baseSha}..${headSha}`]));
    const behind = Number(await git(repo.dir, ["rev-list", "--count", `${headSha}..${baseSha}`]));
    const shas = (await git(repo.dir, ["rev-list", "--reverse", `${baseSha}..${headSha}`])).split("\n").filter(Boolean);
    const commits = await Promise.all(
      shas.map(async (sha) => serializeCommit(ctx.urls, repo, await readCommit(repo.dir, sha))),
    );
    const files = await diffFiles(ctx, repo, mergeBase, headSha);
    const api = ctx.urls.repoApi(repo.fullName, `/compare/${request.params.basehead}`);
    const html = ctx.urls.html(`${repo.fullName}/compare/${request.params.basehead}`);
    return {
      status: 200,
      body: {
        url: api,
        html_url: html,
        permalink_url: ctx.urls.html(
          `${repo.fullName}/compare/${repo.owner.login}:${baseSha.slice(0, 7)}...${repo.owner.login}:${headSha.slice(0, 7)}`,
        ),
        diff_url: `${html}.diff`,
        patch_url: `${html}.patch`,
        base_commit: serializeCommit(ctx.urls, repo, await readCommit(repo.dir, baseSha)),
        merge_base_commit: serializeCommit(ctx.urls, repo, await readCommit(repo.dir, mergeBase)),
        status: ahead && behind ? "diverged" : ahead ? "ahead" : behind ? "behind" : "identical",
        ahead_by: ahead,
        behind_by: behind,
        total_commits: ahead,
        commits,
        files,
      },
    };
  },
};
