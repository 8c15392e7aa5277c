import { HttpError, repoFromParams, textFormat, type Handler } from "./context";
import { readCommit } from "./read-commit";
import { git, runGit } from "./run-git";
import { serializeCommit } from "./serialize-commit";

const STATUS: Record<string, string> = { A: "added", D: "removed", M: "modified", R: "renamed", C: "copied", T: "changed" };

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
      const args = format === "diff" ? ["diff", "-M", mergeBase, headSha] : ["format-patch", "--stdout", `${mergeBase}..${headSha}`];
      return { status: 200, body: (await runGit(repo.dir, args)).stdout, contentType: `application/vnd.github.${format}; charset=utf-8` };
    }
    const ahead = Number(await git(repo.dir, ["rev-list", "--count", `${baseSha}..${headSha}`]));
    const behind = Number(await git(repo.dir, ["rev-list", "--count", `${headSha}..${baseSha}`]));
    const shas = (await git(repo.dir, ["rev-list", "--reverse", `${baseSha}..${headSha}`])).split("\n").filter(Boolean);
    const commits = await Promise.all(shas.map(async (sha) => serializeCommit(ctx.urls, repo, await readCommit(repo.dir, sha))));
    const numstat = new Map((await git(repo.dir, ["diff", "--numstat", "-M", mergeBase, headSha])).split("\n").filter(Boolean).map((line) => {
      const [added, removed, ...name] = line.split("\t");
      return [name.join("\t").replace(/^.*=> /, "").replace(/[{}]/g, ""), { added: Number(added) || 0, removed: Number(removed) || 0 }] as const;
    }));
    const files = [];
    for (const line of (await git(repo.dir, ["diff", "--name-status", "-M", mergeBase, headSha])).split("\n").filter(Boolean)) {
      const [code, first, second] = line.split("\t");
      const filename = second ?? first;
      const stats = numstat.get(filename) ?? { added: 0, removed: 0 };
      const blob = (await runGit(repo.dir, ["rev-parse", `${headSha}:${filename}`])).stdout.trim() || "0".repeat(40);
      const diff = await git(repo.dir, ["diff", "-M", mergeBase, headSha, "--", ...(second ? [first, second] : [filename])]);
      const hunk = diff.indexOf("\n@@");
      files.push({
        sha: blob,
        filename,
        status: STATUS[code[0]] ?? "modified",
        additions: stats.added,
        deletions: stats.removed,
        changes: stats.added + stats.removed,
        blob_url: ctx.urls.html(`${repo.fullName}/blob/${headSha}/${filename}`),
        raw_url: ctx.urls.html(`${repo.fullName}/raw/${headSha}/${filename}`),
        contents_url: ctx.urls.repoApi(repo.fullName, `/contents/${filename}?ref=${headSha}`),
        ...(hunk >= 0 ? { patch: diff.slice(hunk + 1) } : {}),
        ...(second ? { previous_filename: first } : {}),
      });
    }
    const api = ctx.urls.repoApi(repo.fullName, `/compare/${request.params.basehead}`);
    const html = ctx.urls.html(`${repo.fullName}/compare/${request.params.basehead}`);
    return {
      status: 200,
      body: {
        url: api,
        html_url: html,
        permalink_url: ctx.urls.html(`${repo.fullName}/compare/${repo.owner.login}:${baseSha.slice(0, 7)}...${repo.owner.login}:${headSha.slice(0, 7)}`),
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
