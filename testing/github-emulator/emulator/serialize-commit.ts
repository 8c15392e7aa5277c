import type { CommitInfo } from "./read-commit";
import type { Repo } from "./state";
import { nodeId, type Urls } from "./urls";

/** The REST `commit` shape (authors are not linked to accounts: `author`/`committer` null). */
export function serializeCommit(urls: Urls, repo: Repo, commit: CommitInfo): Record<string, unknown> {
  const api = urls.repoApi(repo.fullName);
  return {
    url: `${api}/commits/${commit.sha}`,
    sha: commit.sha,
    node_id: nodeId("Commit", Number.parseInt(commit.sha.slice(0, 8), 16)),
    html_url: urls.html(`${repo.fullName}/commit/${commit.sha}`),
    comments_url: `${api}/commits/${commit.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${commit.sha}`,
      author: commit.author,
      committer: commit.committer,
      message: commit.message,
      comment_count: 0,
      tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
      verification: { verified: false, reason: "unsigned", payload: null, signature: null, verified_at: null },
    },
    author: null,
    committer: null,
    parents: commit.parents.map((sha) => ({
      sha,
      url: `${api}/commits/${sha}`,
      html_url: urls.html(`${repo.fullName}/commit/${sha}`),
    })),
  };
}
