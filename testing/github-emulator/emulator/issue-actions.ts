import type { EmulatorContext } from "./context";
import { liveHeadSha, syncPullRef } from "./pull-head";
import { branchSha } from "./run-git";
import { serializeApp, serializeLabel } from "./serialize-basics";
import { serializeComment, serializeIssue } from "./serialize-issue";
import { serializePull } from "./serialize-pull";
import type { Account, Comment, Issue, Label, Repo } from "./state";

export function timestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Issue events for issues, pull_request events for PRs (as GitHub does for labels and edits). */
export async function emitIssueEvent(
  ctx: EmulatorContext,
  repo: Repo,
  issue: Issue,
  action: string,
  sender: Account,
  extra: Record<string, unknown> = {},
): Promise<void> {
  if (issue.pull)
    ctx.emit("pull_request", action, repo, sender, {
      number: issue.number,
      pull_request: await serializePull(ctx, repo, issue),
      ...extra,
    });
  else ctx.emit("issues", action, repo, sender, { issue: serializeIssue(ctx.urls, repo, issue), ...extra });
}

/** The label, created with GitHub's default colour when it does not exist yet. */
export function ensureLabel(
  ctx: EmulatorContext,
  repo: Repo,
  name: string,
  color = "ededed",
  description: string | null = null,
): Label {
  let label = repo.labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
  if (!label) {
    label = { id: ctx.state.nextId(), name, color, description, default: false };
    repo.labels.push(label);
  }
  return label;
}

export async function createIssue(
  ctx: EmulatorContext,
  repo: Repo,
  input: { title: string; body?: string | null; user: Account; labels?: string[] },
  pull: Issue["pull"] = null,
  /** Runs once the issue has its number, before the opened event (a PR's refs/pull/<n>/head). */
  beforeOpened?: (issue: Issue) => Promise<void>,
): Promise<Issue> {
  const created = timestamp();
  const issue: Issue = {
    id: ctx.state.nextId(),
    number: repo.nextNumber++,
    title: input.title,
    body: input.body ?? null,
    user: input.user,
    state: "open",
    stateReason: null,
    labels: (input.labels ?? []).map((name) => ensureLabel(ctx, repo, name).name),
    createdAt: created,
    updatedAt: created,
    closedAt: null,
    closedBy: null,
    pull,
  };
  repo.issues.set(issue.number, issue);
  await beforeOpened?.(issue);
  await emitIssueEvent(ctx, repo, issue, "opened", input.user);
  return issue;
}

export async function addLabels(
  ctx: EmulatorContext,
  repo: Repo,
  issue: Issue,
  names: string[],
  sender: Account,
): Promise<void> {
  for (const name of names) {
    const label = ensureLabel(ctx, repo, name);
    if (issue.labels.includes(label.name)) continue;
    issue.labels.push(label.name);
    issue.updatedAt = timestamp();
    await emitIssueEvent(ctx, repo, issue, "labeled", sender, { label: serializeLabel(ctx.urls, repo, label) });
  }
}

export async function removeLabel(
  ctx: EmulatorContext,
  repo: Repo,
  issue: Issue,
  name: string,
  sender: Account,
): Promise<boolean> {
  const label = repo.labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
  if (!label || !issue.labels.includes(label.name)) return false;
  issue.labels = issue.labels.filter((n) => n !== label.name);
  issue.updatedAt = timestamp();
  await emitIssueEvent(ctx, repo, issue, "unlabeled", sender, { label: serializeLabel(ctx.urls, repo, label) });
  return true;
}

export async function addComment(
  ctx: EmulatorContext,
  repo: Repo,
  issue: Issue,
  body: string,
  user: Account,
  app: boolean,
): Promise<Comment> {
  const created = timestamp();
  const comment: Comment = {
    id: ctx.state.nextId(),
    repo: repo.fullName,
    number: issue.number,
    body,
    user,
    createdAt: created,
    updatedAt: created,
    app,
  };
  repo.comments.push(comment);
  ctx.state.comments.set(comment.id, { repo, comment });
  issue.updatedAt = created;
  ctx.emit("issue_comment", "created", repo, user, {
    issue: serializeIssue(ctx.urls, repo, issue),
    comment: serializeComment(ctx.urls, repo, comment, serializeApp(ctx.urls, ctx.app)),
  });
  return comment;
}

export async function editComment(
  ctx: EmulatorContext,
  repo: Repo,
  comment: Comment,
  body: string,
  sender: Account,
): Promise<void> {
  const from = comment.body;
  comment.body = body;
  comment.updatedAt = timestamp();
  const issue = repo.issues.get(comment.number)!;
  ctx.emit("issue_comment", "edited", repo, sender, {
    issue: serializeIssue(ctx.urls, repo, issue),
    comment: serializeComment(ctx.urls, repo, comment, serializeApp(ctx.urls, ctx.app)),
    changes: { body: { from } },
  });
}

/** Title/body/state changes with the matching edited/closed/reopened events. */
export async function updateIssue(
  ctx: EmulatorContext,
  repo: Repo,
  issue: Issue,
  patch: { title?: string; body?: string | null; state?: "open" | "closed"; stateReason?: Issue["stateReason"] },
  sender: Account,
): Promise<void> {
  const changes: Record<string, unknown> = {};
  if (patch.title !== undefined && patch.title !== issue.title) {
    changes.title = { from: issue.title };
    issue.title = patch.title;
  }
  if (patch.body !== undefined && patch.body !== issue.body) {
    changes.body = { from: issue.body ?? "" };
    issue.body = patch.body;
  }
  issue.updatedAt = timestamp();
  if (Object.keys(changes).length) await emitIssueEvent(ctx, repo, issue, "edited", sender, { changes });
  if (patch.state && patch.state !== issue.state) {
    issue.state = patch.state;
    issue.closedAt = patch.state === "closed" ? issue.updatedAt : null;
    issue.closedBy = patch.state === "closed" ? sender : null;
    issue.stateReason = patch.state === "closed" ? (patch.stateReason ?? "completed") : "reopened";
    if (issue.pull && patch.state === "closed") await freezePull(repo, issue);
    if (issue.pull && patch.state === "open") {
      issue.pull.headSha = undefined;
      issue.pull.baseSha = undefined;
    }
    if (issue.pull) await syncPullRef(ctx.state, repo, issue);
    await emitIssueEvent(ctx, repo, issue, patch.state === "closed" ? "closed" : "reopened", sender);
  }
}

/** Records head and base at close time so a closed PR keeps describing what it was. */
export async function freezePull(repo: Repo, issue: Issue): Promise<void> {
  const pull = issue.pull!;
  pull.headSha ??= (await liveHeadSha(repo, issue)) ?? undefined;
  pull.baseSha ??= (await branchSha(repo.dir, pull.base)) ?? undefined;
}
