import type { Account, Installation, Label, Repo } from "./state";
import { nodeId, type Urls } from "./urls";

export const APP_PERMISSIONS = {
  contents: "write",
  issues: "write",
  pull_requests: "write",
  checks: "write",
  statuses: "write",
  metadata: "read",
} as const;
export const APP_EVENTS = [
  "issues",
  "issue_comment",
  "pull_request",
  "pull_request_review",
  "pull_request_review_comment",
  "check_run",
  "push",
  "status",
];

export function serializeUser(urls: Urls, account: Account): Record<string, unknown> {
  // Bot logins end in "[bot]", which GitHub percent-encodes in urls; their page is /apps/<slug>.
  const api = `${urls.api}/users/${encodeURIComponent(account.login)}`;
  return {
    login: account.login,
    id: account.id,
    node_id: nodeId(account.type, account.id),
    avatar_url: `${urls.base}/avatars/u/${account.id}`,
    gravatar_id: "",
    url: api,
    html_url: urls.html(account.type === "Bot" ? `apps/${account.login.replace(/\[bot\]$/, "")}` : account.login),
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: account.type,
    user_view_type: "public",
    site_admin: false,
  };
}

export function serializeApp(
  urls: Urls,
  app: { id: number; slug: string; owner: Account; createdAt: string },
): Record<string, unknown> {
  return {
    id: app.id,
    slug: app.slug,
    client_id: `Iv1.${app.id.toString(16).padStart(16, "0")}`,
    node_id: nodeId("Integration", app.id),
    owner: serializeUser(urls, app.owner),
    name: app.slug,
    description: "Mergeline (emulated)",
    external_url: urls.base,
    html_url: urls.html(`apps/${app.slug}`),
    created_at: app.createdAt,
    updated_at: app.createdAt,
    permissions: APP_PERMISSIONS,
    events: APP_EVENTS,
    installations_count: 1,
  };
}

export function serializeInstallation(
  urls: Urls,
  installation: Installation,
  app: { id: number; slug: string },
): Record<string, unknown> {
  return {
    id: installation.id,
    account: serializeUser(urls, installation.account),
    repository_selection: installation.repositories === "all" ? "all" : "selected",
    access_tokens_url: `${urls.api}/app/installations/${installation.id}/access_tokens`,
    repositories_url: `${urls.api}/installation/repositories`,
    html_url: urls.html(`settings/installations/${installation.id}`),
    app_id: app.id,
    app_slug: app.slug,
    client_id: `Iv1.${app.id.toString(16).padStart(16, "0")}`,
    target_id: installation.account.id,
    target_type: installation.account.type,
    permissions: APP_PERMISSIONS,
    events: APP_EVENTS,
    created_at: installation.createdAt,
    updated_at: installation.createdAt,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: installation.suspended ? serializeUser(urls, installation.account) : null,
    suspended_at: installation.suspended ? installation.createdAt : null,
  };
}

export function serializeLabel(urls: Urls, repo: Repo, label: Label): Record<string, unknown> {
  return {
    id: label.id,
    node_id: nodeId("Label", label.id),
    url: urls.repoApi(repo.fullName, `/labels/${encodeURIComponent(label.name)}`),
    name: label.name,
    description: label.description,
    color: label.color,
    default: label.default,
  };
}
