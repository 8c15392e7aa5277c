import { git } from "./run-git";

export type CommitInfo = {
  sha: string;
  tree: string;
  parents: string[];
  author: { name: string; email: string; date: string };
  committer: { name: string; email: string; date: string };
  message: string;
};

const FORMAT = ["%H", "%T", "%P", "%an", "%ae", "%aI", "%cn", "%ce", "%cI", "%B"].join("%x00");

function utc(date: string): string {
  return new Date(date).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** One commit's metadata, read with `git log`. */
export async function readCommit(dir: string, rev: string): Promise<CommitInfo> {
  const out = await git(dir, ["log", "-1", `--format=${FORMAT}`, rev, "--"]);
  const [sha, tree, parents, an, ae, ad, cn, ce, cd, ...message] = out.split("\u0000");
  return {
    sha,
    tree,
    parents: parents ? parents.split(" ") : [],
    author: { name: an, email: ae, date: utc(ad) },
    committer: { name: cn, email: ce, date: utc(cd) },
    message: message.join("\u0000").trim(),
  };
}
