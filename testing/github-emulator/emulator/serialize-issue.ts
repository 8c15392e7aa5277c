import { serializeLabel, serializeUser } from "./serialize-basics";
import type { Account, Comment, Issue, Repo } from "./state";
import { nodeId, type Urls } from "./urls";

/** OWNER / COLLABORATOR / NONE from the repository's seeded permissions. */
export function authorAssociation(repo: Repo, account: Account): string {
  if (account.login.toLowerCase() === repo.owner.login.toLowerCase()) return "OWNER";
  if (account.type === "Bot") return "NONE";
  const permission = repo.permissions.get(account.login.toLowerCase());
  return permission && permission !== "none" && permission !== "read" ? "COLLABORATOR" : "NONE";
}

export function serializeIssue(urls: Urls, repo: Repo, issue: Issue): Record<string, unknown> {
  const api = urls.repoApi(repo.fullName, `/issues/${issue.number}`);
  const comments = repo.comments.filter((c) => c.number === issue.number).length;
  const body: Record<string, unknown> = {
    id: issue.id,
    node_id: nodeId(issue.pull ? "PullRequestIssue" : "Issue", issue.id),
    url: api,
    repository_url: urls.repoApi(repo.fullName),
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: urls.html(`${repo.fullName}/${issue.pull ? "pull" : "issues"}/${issue.number}`),
    number: issue.number,
    state: issue.state,
    state_reason: issue.stateReason,
    title: issue.title,
    body: issue.body,
    user: serializeUser(urls, issue.user),
    labels: issue.labels.map((name) => serializeLabel(urls, repo, repo.labels.find((l) => l.name === name)!)),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments,
    closed_at: issue.closedAt,
    closed_by: issue.closedBy ? serializeUser(urls, issue.closedBy) : null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    author_association: authorAssociation(repo, issue.user),
    reactions: reactions(api),
  };
  if (issue.pull) {
    const pulls = urls.repoApi(repo.fullName, `/pulls/${issue.number}`);
    const html = urls.html(`${repo.fullName}/pull/${issue.number}`);
    body.draft = issue.pull.draft;
    body.pull_request = {
      url: pulls,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      merged_at: issue.pull.mergedAt,
    };
  }
  return body;
}

export function reactions(url: string): Record<string, unknown> {
  return {
    url: `${url}/reactions`,
    total_count: 0,
    "+1": 0,
    "-1": 0,
    laugh: 0,
    confused: 0,
    heart: 0,
    hooray: 0,
    eyes: 0,
    rocket: 0,
  };
}

export function serializeComment(
  urls: Urls,
  repo: Repo,
  comment: Comment,
  appInfo?: Record<string, unknown>,
): Record<string, unknown> {
  const url = urls.repoApi(repo.fullName, `/issues/comments/${comment.id}`);
  const issue = repo.issues.get(comment.number);
  return {
    id: comment.id,
    node_id: nodeId("IssueComment", comment.id),
    url,
    html_url: urls.html(
      `${repo.fullName}/${issue?.pull ? "pull" : "issues"}/${comment.number}#issuecomment-${comment.id}`,
    ),
    body: comment.body,
    user: serializeUser(urls, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    issue_url: urls.repoApi(repo.fullName, `/issues/${comment.number}`),
    author_association: authorAssociation(repo, comment.user),
    performed_via_github_app: comment.app && appInfo ? appInfo : null,
    reactions: reactions(url),
  };
}
