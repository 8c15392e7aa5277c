import {
  bodyObject,
  botAccount,
  HttpError,
  issueFromParams,
  page,
  repoFromParams,
  validationFailed,
  type Handler,
  type RequestContext,
} from "./context";
import { addComment, addLabels, editComment, ensureLabel, removeLabel, updateIssue } from "./issue-actions";
import { serializeApp, serializeLabel } from "./serialize-basics";
import { serializeComment, serializeIssue } from "./serialize-issue";

function commentFromParams(request: RequestContext) {
  const repo = repoFromParams(request);
  const found = request.ctx.state.comments.get(Number(request.params.comment_id));
  if (!found || found.repo !== repo) throw new HttpError(404, "Not Found");
  return { repo, comment: found.comment };
}

/** `labels` as GitHub accepts it: ["a"], [{ name: "a" }], or { labels: [...] }. */
function labelNames(body: unknown): string[] {
  const list = Array.isArray(body) ? body : (bodyObject(body).labels ?? []);
  if (!Array.isArray(list)) throw validationFailed("labels must be an array", "labels", "Label");
  return list.map((item: unknown) =>
    typeof item === "string" ? item : String((item as { name?: unknown }).name ?? ""),
  );
}

/** Issues, issue comments and labels. */
export const issueRoutes: Record<string, Handler> = {
  "GET /repos/{owner}/{repo}/issues": (request) => {
    const { query } = request;
    const repo = repoFromParams(request);
    const state = query.get("state") ?? "open";
    const labels = (query.get("labels") ?? "").split(",").filter(Boolean);
    const matching = [...repo.issues.values()]
      .filter(
        (i) =>
          (state === "all" || i.state === state) &&
          labels.every((l) => i.labels.some((n) => n.toLowerCase() === l.toLowerCase())),
      )
      .sort((a, b) => b.number - a.number);
    return { status: 200, body: page(matching, request).map((i) => serializeIssue(request.ctx.urls, repo, i)) };
  },
  "GET /repos/{owner}/{repo}/issues/{issue_number}": (request) => {
    const repo = repoFromParams(request);
    return { status: 200, body: serializeIssue(request.ctx.urls, repo, issueFromParams(request, repo)) };
  },
  "PATCH /repos/{owner}/{repo}/issues/{issue_number}": async (request) => {
    const { ctx } = request;
    const repo = repoFromParams(request);
    const issue = issueFromParams(request, repo);
    const body = bodyObject(request.body);
    const title = body.title === undefined || body.title === null ? undefined : String(body.title);
    await updateIssue(
      ctx,
      repo,
      issue,
      {
        title,
        body: body.body as string | null | undefined,
        state: body.state as "open" | "closed" | undefined,
        stateReason: body.state_reason as "completed" | undefined,
      },
      botAccount(ctx),
    );
    if (Array.isArray(body.labels)) {
      const wanted = labelNames(body.labels);
      for (const name of [...issue.labels])
        if (!wanted.includes(name)) await removeLabel(ctx, repo, issue, name, botAccount(ctx));
      await addLabels(ctx, repo, issue, wanted, botAccount(ctx));
    }
    return { status: 200, body: serializeIssue(ctx.urls, repo, issue) };
  },
  "GET /repos/{owner}/{repo}/issues/{issue_number}/comments": (request) => {
    const repo = repoFromParams(request);
    const issue = issueFromParams(request, repo);
    const app = serializeApp(request.ctx.urls, request.ctx.app);
    return {
      status: 200,
      body: page(
        repo.comments.filter((c) => c.number === issue.number),
        request,
      ).map((c) => serializeComment(request.ctx.urls, repo, c, app)),
    };
  },
  "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": async (request) => {
    const { ctx } = request;
    const repo = repoFromParams(request);
    const issue = issueFromParams(request, repo);
    const body = bodyObject(request.body);
    if (typeof body.body !== "string" || body.body.length === 0)
      throw validationFailed("body is missing", "body", "IssueComment", "missing_field");
    const comment = await addComment(ctx, repo, issue, body.body, botAccount(ctx), true);
    return {
      status: 201,
      body: serializeComment(ctx.urls, repo, comment, serializeApp(ctx.urls, ctx.app)),
      headers: { location: `${ctx.urls.repoApi(repo.fullName)}/issues/comments/${comment.id}` },
    };
  },
  "GET /repos/{owner}/{repo}/issues/comments/{comment_id}": (request) => {
    const { repo, comment } = commentFromParams(request);
    return {
      status: 200,
      body: serializeComment(request.ctx.urls, repo, comment, serializeApp(request.ctx.urls, request.ctx.app)),
    };
  },
  "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}": async (request) => {
    const { ctx } = request;
    const { repo, comment } = commentFromParams(request);
    const body = bodyObject(request.body);
    if (comment.user.login !== botAccount(ctx).login)
      throw new HttpError(403, "Resource not accessible by integration");
    await editComment(ctx, repo, comment, String(body.body), botAccount(ctx));
    return { status: 200, body: serializeComment(ctx.urls, repo, comment, serializeApp(ctx.urls, ctx.app)) };
  },
  "GET /repos/{owner}/{repo}/labels": (request) => {
    const repo = repoFromParams(request);
    return { status: 200, body: page(repo.labels, request).map((l) => serializeLabel(request.ctx.urls, repo, l)) };
  },
  "GET /repos/{owner}/{repo}/labels/{name}": (request) => {
    const repo = repoFromParams(request);
    const label = repo.labels.find((l) => l.name.toLowerCase() === request.params.name.toLowerCase());
    if (!label) throw new HttpError(404, "Not Found");
    return { status: 200, body: serializeLabel(request.ctx.urls, repo, label) };
  },
  "POST /repos/{owner}/{repo}/labels": (request) => {
    const repo = repoFromParams(request);
    const body = bodyObject(request.body);
    const name = String(body.name);
    if (repo.labels.some((l) => l.name.toLowerCase() === name.toLowerCase()))
      throw validationFailed("already_exists", "name", "Label", "already_exists");
    const label = ensureLabel(
      request.ctx,
      repo,
      name,
      String(body.color ?? "ededed").replace(/^#/, ""),
      (body.description as string | undefined) ?? null,
    );
    return { status: 201, body: serializeLabel(request.ctx.urls, repo, label) };
  },
  "GET /repos/{owner}/{repo}/issues/{issue_number}/labels": (request) => {
    const repo = repoFromParams(request);
    const issue = issueFromParams(request, repo);
    return {
      status: 200,
      body: issue.labels.map((name) => serializeLabel(request.ctx.urls, repo, ensureLabel(request.ctx, repo, name))),
    };
  },
  "POST /repos/{owner}/{repo}/issues/{issue_number}/labels": async (request) => {
    const repo = repoFromParams(request);
    const issue = issueFromParams(request, repo);
    await addLabels(request.ctx, repo, issue, labelNames(request.body), botAccount(request.ctx));
    return {
      status: 200,
      body: issue.labels.map((name) => serializeLabel(request.ctx.urls, repo, ensureLabel(request.ctx, repo, name))),
    };
  },
  "PUT /repos/{owner}/{repo}/issues/{issue_number}/labels": async (request) => {
    const repo = repoFromParams(request);
    const issue = issueFromParams(request, repo);
    const wanted = labelNames(request.body);
    for (const name of [...issue.labels])
      if (!wanted.some((w) => w.toLowerCase() === name.toLowerCase()))
        await removeLabel(request.ctx, repo, issue, name, botAccount(request.ctx));
    await addLabels(request.ctx, repo, issue, wanted, botAccount(request.ctx));
    return {
      status: 200,
      body: issue.labels.map((name) => serializeLabel(request.ctx.urls, repo, ensureLabel(request.ctx, repo, name))),
    };
  },
  "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}": async (request) => {
    const repo = repoFromParams(request);
    const issue = issueFromParams(request, repo);
    if (!(await removeLabel(request.ctx, repo, issue, request.params.name, botAccount(request.ctx))))
      throw new HttpError(404, "Label does not exist");
    return {
      status: 200,
      body: issue.labels.map((name) => serializeLabel(request.ctx.urls, repo, ensureLabel(request.ctx, repo, name))),
    };
  },
};
