import type { EmulatorContext } from "./context";
import { pullFacts } from "./pull-facts";
import { requiredChecksState } from "./required-checks";
import { serializeLabel, serializeUser } from "./serialize-basics";
import { authorAssociation } from "./serialize-issue";
import { serializeRepo } from "./serialize-repo";
import type { Issue, Repo } from "./state";
import { nodeId } from "./urls";

/** The full `pull-request` shape (mergeable and diff numbers computed with git). */
export async function serializePull(ctx: EmulatorContext, repo: Repo, issue: Issue): Promise<Record<string, unknown>> {
  const { urls } = ctx;
  const pull = issue.pull!;
  const facts = await pullFacts(repo, issue);
  const api = urls.repoApi(repo.fullName, `/pulls/${issue.number}`);
  const html = urls.html(`${repo.fullName}/pull/${issue.number}`);
  const issueApi = urls.repoApi(repo.fullName, `/issues/${issue.number}`);
  const repoBody = serializeRepo(urls, repo);
  const side = (ref: string, sha: string, of: Repo = repo) => ({
    label: `${of.owner.login}:${ref}`,
    ref,
    sha,
    user: serializeUser(urls, of.owner),
    repo: of === repo ? repoBody : serializeRepo(urls, of),
  });
  // A PR from a fork: its head is the fork's branch (GitHub says so in head.repo).
  const headRepo = pull.headRepo ? ctx.state.repoOrThrow(pull.headRepo) : repo;
  const checks =
    pull.merged || issue.state === "closed"
      ? "success"
      : await requiredChecksState(ctx, repo, pull.base, facts.headSha);
  const mergeableState =
    facts.mergeable === null ? "unknown" : !facts.mergeable ? "dirty" : checks === "success" ? "clean" : "blocked";
  return {
    url: api,
    id: issue.id,
    node_id: nodeId("PullRequest", issue.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueApi,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: urls.repoApi(repo.fullName, "/pulls/comments{/number}"),
    comments_url: `${issueApi}/comments`,
    statuses_url: urls.repoApi(repo.fullName, `/statuses/${facts.headSha}`),
    number: issue.number,
    state: issue.state,
    locked: false,
    title: issue.title,
    user: serializeUser(urls, issue.user),
    body: issue.body,
    labels: issue.labels.map((name) => serializeLabel(urls, repo, repo.labels.find((l) => l.name === name)!)),
    milestone: null,
    active_lock_reason: null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: side(pull.head, facts.headSha, headRepo),
    base: side(pull.base, facts.baseSha),
    _links: {
      self: { href: api },
      html: { href: html },
      issue: { href: issueApi },
      comments: { href: `${issueApi}/comments` },
      review_comments: { href: `${api}/comments` },
      review_comment: { href: urls.repoApi(repo.fullName, "/pulls/comments{/number}") },
      commits: { href: `${api}/commits` },
      statuses: { href: urls.repoApi(repo.fullName, `/statuses/${facts.headSha}`) },
    },
    author_association: authorAssociation(repo, issue.user),
    auto_merge: pull.autoMerge
      ? {
          enabled_by: serializeUser(urls, pull.autoMerge.enabledBy),
          merge_method: pull.autoMerge.method,
          commit_title: pull.autoMerge.title ?? "",
          commit_message: pull.autoMerge.message ?? "",
        }
      : null,
    draft: pull.draft,
    merged: pull.merged,
    mergeable: facts.mergeable,
    rebaseable: facts.mergeable,
    mergeable_state: mergeableState,
    merged_by: pull.mergedBy ? serializeUser(urls, pull.mergedBy) : null,
    comments: repo.comments.filter((c) => c.number === issue.number).length,
    review_comments: pull.reviewComments.length,
    maintainer_can_modify: pull.maintainerCanModify,
    commits: facts.commits,
    additions: facts.additions,
    deletions: facts.deletions,
    changed_files: facts.changedFiles,
  };
}
