import { liveHeadSha } from "./pull-head";
import { branchSha, git, runGit } from "./run-git";
import type { Issue, Repo } from "./state";

// Git answers depend only on the two commits, so they are computed once per pair.
const cache = new Map<string, Omit<PullFacts, "mergeable"> & { mergeable: boolean }>();

export type PullFacts = {
  headSha: string;
  baseSha: string;
  mergeable: boolean | null;
  commits: number;
  additions: number;
  deletions: number;
  changedFiles: number;
};

/** Head/base commits and diff numbers of a PR, from the bare repository (frozen once closed). */
export async function pullFacts(repo: Repo, issue: Issue): Promise<PullFacts> {
  const pull = issue.pull!;
  const headSha = pull.headSha ?? (await liveHeadSha(repo, issue)) ?? "0".repeat(40);
  const baseSha = pull.baseSha ?? (await branchSha(repo.dir, pull.base)) ?? "0".repeat(40);
  if (/^0+$/.test(headSha) || /^0+$/.test(baseSha))
    return { headSha, baseSha, mergeable: null, commits: 0, additions: 0, deletions: 0, changedFiles: 0 };
  const closed = pull.merged || issue.state === "closed";
  const key = `${repo.dir}|${baseSha}|${headSha}`;
  const known = cache.get(key);
  if (known) return { ...known, mergeable: closed ? null : known.mergeable };
  const mergeBase = (await runGit(repo.dir, ["merge-base", baseSha, headSha])).stdout.trim() || baseSha;
  const commits = Number(await git(repo.dir, ["rev-list", "--count", `${mergeBase}..${headSha}`]));
  let additions = 0;
  let deletions = 0;
  let changedFiles = 0;
  for (const line of (await git(repo.dir, ["diff", "--numstat", mergeBase, headSha])).split("\n").filter(Boolean)) {
    const [added, removed] = line.split("\t");
    additions += Number(added) || 0;
    deletions += Number(removed) || 0;
    changedFiles += 1;
  }
  const mergeable = (await runGit(repo.dir, ["merge-tree", "--write-tree", baseSha, headSha])).code === 0;
  const facts = { headSha, baseSha, mergeable, commits, additions, deletions, changedFiles };
  cache.set(key, facts);
  return { ...facts, mergeable: closed ? null : mergeable };
}
