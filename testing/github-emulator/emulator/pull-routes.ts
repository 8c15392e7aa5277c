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
import { createIssue, emitIssueEvent, timestamp, updateIssue } from "./issue-actions";
import { mergePull } from "./merge-pull";
import { pullFacts } from "./pull-facts";
import { branchSha, git, runGit } from "./run-git";
import { serializePull } from "./serialize-pull";
import type { MergeMethod } from "./state";

/** Pull requests: open, read, list with filters, edit, merge. */
export const pullRoutes: Record<string, Handler> = {
  "POST /repos/{owner}/{repo}/pulls": async (request) => {
    const { ctx } = request;
    const repo = repoFromParams(request);
    const body = bodyObject(request.body);
    const head = String(body.head ?? "").replace(new RegExp(`^${repo.owner.login}:`, "i"), "");
    const base = String(body.base ?? "");
    const headSha = await branchSha(repo.dir, head);
    const baseSha = await branchSha(repo.dir, base);
    if (!headSha) throw validationFailed(`head: ${head} does not exist`, "head", "PullRequest");
    if (!baseSha) throw validationFailed(`base: ${base} does not exist`, "base", "PullRequest");
    if (
      [...repo.issues.values()].some(
        (i) => i.pull && i.state === "open" && i.pull.head === head && i.pull.base === base,
      )
    ) {
      throw new HttpError(422, "Validation Failed", {
        errors: [
          {
            resource: "PullRequest",
            code: "custom",
            message: `A pull request already exists for ${repo.owner.login}:${head}.`,
          },
        ],
      });
    }
    if ((await git(repo.dir, ["rev-list", "--count", `${baseSha}..${headSha}`])) === "0") {
      throw new HttpError(422, "Validation Failed", {
        errors: [{ resource: "PullRequest", code: "custom", message: `No commits between ${base} and ${head}` }],
      });
    }
    const pull = {
      head,
      base,
      draft: body.draft === true,
      merged: false,
      mergedAt: null,
      mergedBy: null,
      mergeCommitSha: null,
      maintainerCanModify: body.maintainer_can_modify !== false,
      autoMerge: null,
      reviews: [],
      reviewComments: [],
    };
    const issue = await createIssue(
      ctx,
      repo,
      { title: String(body.title ?? ""), body: (body.body as string | undefined) ?? null, user: botAccount(ctx) },
      pull,
    );
    const serialized = await serializePull(ctx, repo, issue);
    return { status: 201, body: serialized, headers: { location: String(serialized.url) } };
  },
  "GET /repos/{owner}/{repo}/pulls": async (request) => {
    const { ctx, query } = request;
    const repo = repoFromParams(request);
    const state = query.get("state") ?? "open";
    const head = query.get("head")?.replace(/^[^:]+:/, "");
    const base = query.get("base");
    const matching = [...repo.issues.values()]
      .filter(
        (i) =>
          i.pull &&
          (state === "all" || i.state === state) &&
          (!head || i.pull.head === head) &&
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
