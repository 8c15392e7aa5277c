import {
  bodyObject,
  botAccount,
  HttpError,
  issueFromParams,
  page,
  repoFromParams,
  textFormat,
  validationFailed,
  type Handler,
} from "./context";
import { emitIssueEvent, timestamp, updateIssue } from "./issue-actions";
import { openPull } from "./open-pull";
import { mergePull } from "./merge-pull";
import { pullFacts } from "./pull-facts";
import { branchSha, runGit } from "./run-git";
import { serializePull } from "./serialize-pull";
import type { MergeMethod } from "./state";

/** Pull requests: open, read, list with filters, edit, merge. */
export const pullRoutes: Record<string, Handler> = {
  "POST /repos/{owner}/{repo}/pulls": async (request) => {
    const { ctx } = request;
    const repo = repoFromParams(request);
    const body = bodyObject(request.body);
    const issue = await openPull(
      ctx,
      repo,
      {
        head: String(body.head ?? ""),
        base: String(body.base ?? ""),
        title: String(body.title ?? ""),
        body: (body.body as string | undefined) ?? null,
        draft: body.draft === true,
        maintainerCanModify: body.maintainer_can_modify !== false,
      },
      botAccount(ctx),
    );
    const serialized = await serializePull(ctx, repo, issue);
    return { status: 201, body: serialized, headers: { location: String(serialized.url) } };
  },
  "GET /repos/{owner}/{repo}/pulls": async (request) => {
    const { ctx, query } = request;
    const repo = repoFromParams(request);
    const state = query.get("state") ?? "open";
    // `head` is `owner:branch`: the owner tells the repository's own branches from a fork's.
    const [headOwner, headBranch] = (query.get("head") ?? "").split(":", 2) as [string, string | undefined];
    const head = headBranch ?? (headOwner || undefined);
    const headRepo =
      headBranch && headOwner.toLowerCase() !== repo.owner.login.toLowerCase()
        ? `${headOwner}/${repo.name}`
        : undefined;
    const base = query.get("base");
    const matching = [...repo.issues.values()]
      .filter(
        (i) =>
          i.pull &&
          (state === "all" || i.state === state) &&
          (!head || (i.pull.head === head && i.pull.headRepo?.toLowerCase() === headRepo?.toLowerCase())) &&
          (!base || i.pull.base === base),
      )
      .sort((a, b) => b.number - a.number);
    return { status: 200, body: await Promise.all(page(matching, request).map((i) => serializePull(ctx, repo, i))) };
  },
  "GET /repos/{owner}/{repo}/pulls/{pull_number}": async (request) => {
    const repo = repoFromParams(request);
    const issue = issueFromParams(request, repo, true);
    const format = textFormat(request);
    if (format) {
      const facts = await pullFacts(repo, issue);
      const args =
        format === "diff"
          ? ["diff", "-M", `${facts.baseSha}...${facts.headSha}`]
          : ["format-patch", "--stdout", `${facts.baseSha}..${facts.headSha}`];
      return {
        status: 200,
        body: (await runGit(repo.dir, args)).stdout,
        contentType: `application/vnd.github.${format}; charset=utf-8`,
      };
    }
    return { status: 200, body: await serializePull(request.ctx, repo, issue) };
  },
  "PATCH /repos/{owner}/{repo}/pulls/{pull_number}": async (request) => {
    const { ctx } = request;
    const repo = repoFromParams(request);
    const issue = issueFromParams(request, repo, true);
    const body = bodyObject(request.body);
    if (typeof body.base === "string" && body.base !== issue.pull!.base) {
      if (!(await branchSha(repo.dir, body.base)))
        throw validationFailed(`base: ${body.base} does not exist`, "base", "PullRequest");
      issue.pull!.base = body.base;
      issue.updatedAt = timestamp();
      await emitIssueEvent(ctx, repo, issue, "edited", botAccount(ctx), { changes: {} });
    }
    if (body.state === "open" && issue.pull!.merged)
      throw validationFailed("state cannot be changed. The pull request has been merged.", "state", "PullRequest");
    await updateIssue(
      ctx,
      repo,
      issue,
      {
        title: body.title as string | undefined,
        body: body.body as string | undefined,
        state: body.state as "open" | "closed" | undefined,
      },
      botAccount(ctx),
    );
    return { status: 200, body: await serializePull(ctx, repo, issue) };
  },
  "PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge": async (request) => {
    const { ctx } = request;
    const repo = repoFromParams(request);
    const issue = issueFromParams(request, repo, true);
    const body = bodyObject(request.body);
    const method = (body.merge_method as MergeMethod | undefined) ?? "merge";
    const outcome = await mergePull(ctx, repo, issue, {
      method,
      user: botAccount(ctx),
      sha: body.sha as string | undefined,
      title: body.commit_title as string | undefined,
      message: body.commit_message as string | undefined,
    });
    if (!outcome.merged) throw new HttpError(outcome.status, outcome.message);
    return { status: 200, body: { sha: outcome.sha, merged: true, message: "Pull Request successfully merged" } };
  },
};
