import {
  bodyObject,
  botAccount,
  HttpError,
  page,
  repoFromParams,
  validationFailed,
  type Handler,
  type RequestContext,
} from "./context";
import { emitStatus, emitSuiteCompleted } from "./check-events";
import { timestamp } from "./issue-actions";
import { runGit } from "./run-git";
import { serializeUser } from "./serialize-basics";
import { serializeCheckRun } from "./serialize-check-run";
import { serializeRepo } from "./serialize-repo";
import type { CheckRun, CommitStatus, Repo } from "./state";
import { nodeId } from "./urls";

async function resolveSha(repo: Repo, ref: string): Promise<string> {
  const found = await runGit(repo.dir, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  if (found.code !== 0) throw new HttpError(422, `No commit found for SHA: ${ref}`);
  return found.stdout.trim();
}

function applyRunFields(run: CheckRun, body: Record<string, unknown>): void {
  if (typeof body.name === "string") run.name = body.name;
  if (typeof body.details_url === "string") run.detailsUrl = body.details_url;
  if (typeof body.external_id === "string") run.externalId = body.external_id;
  if (typeof body.started_at === "string") run.startedAt = body.started_at;
  const output = body.output as
    | { title?: string; summary?: string; text?: string; annotations?: unknown[] }
    | undefined;
  if (output)
    run.output = {
      title: output.title ?? run.output.title,
      summary: output.summary ?? run.output.summary,
      text: output.text ?? run.output.text,
    };
  // Like GitHub, annotations accumulate across updates (clients send them in batches of 50).
  if (output?.annotations) run.annotations.push(...output.annotations);
  if (typeof body.conclusion === "string") {
    run.conclusion = body.conclusion;
    run.status = "completed";
  } else if (typeof body.status === "string") run.status = body.status as CheckRun["status"];
  if (run.status === "completed")
    run.completedAt = typeof body.completed_at === "string" ? body.completed_at : (run.completedAt ?? timestamp());
  if (run.status === "completed" && !run.conclusion)
    throw validationFailed(
      "conclusion is required when status is completed",
      "conclusion",
      "CheckRun",
      "missing_field",
    );
}

async function emitRun(request: RequestContext, repo: Repo, run: CheckRun, action: string): Promise<void> {
  const checkRun = await serializeCheckRun(request.ctx, repo, run);
  request.ctx.emit("check_run", action, repo, botAccount(request.ctx), { check_run: checkRun });
  if (action !== "completed") return;
  await emitSuiteCompleted(request.ctx, repo, run, checkRun.pull_requests as unknown[]);
  request.ctx.checksChanged(repo, run.headSha);
}

function runFromParams(request: RequestContext): { repo: Repo; run: CheckRun } {
  const repo = repoFromParams(request);
  const run = request.ctx.state.checkRuns.get(Number(request.params.check_run_id));
  if (!run || run.repo !== repo.fullName) throw new HttpError(404, "Not Found");
  return { repo, run };
}

function serializeStatus(request: RequestContext, repo: Repo, status: CommitStatus): Record<string, unknown> {
  return {
    url: request.ctx.urls.repoApi(repo.fullName, `/statuses/${status.sha}`),
    avatar_url: null,
    id: status.id,
    node_id: nodeId("StatusContext", status.id),
    state: status.state,
    description: status.description,
    target_url: status.targetUrl,
    context: status.context,
    created_at: status.createdAt,
    updated_at: status.updatedAt,
    creator: serializeUser(request.ctx.urls, status.creator),
  };
}

/** Check runs and commit statuses; completing one may trigger a pending auto-merge. */
export const checkRoutes: Record<string, Handler> = {
  "POST /repos/{owner}/{repo}/check-runs": async (request) => {
    const { ctx } = request;
    const repo = repoFromParams(request);
    const body = bodyObject(request.body);
    const headSha = await resolveSha(repo, String(body.head_sha));
    const run: CheckRun = {
      id: ctx.state.nextId(),
      repo: repo.fullName,
      headSha,
      name: String(body.name),
      status: "queued",
      conclusion: null,
      startedAt: timestamp(),
      completedAt: null,
      externalId: null,
      detailsUrl: null,
      output: { title: null, summary: null, text: null },
      annotations: [],
      suiteId: ctx.state.nextId(),
    };
    applyRunFields(run, body);
    ctx.state.checkRuns.set(run.id, run);
    await emitRun(request, repo, run, "created");
    if (run.status === "completed") await emitRun(request, repo, run, "completed");
    return { status: 201, body: await serializeCheckRun(ctx, repo, run) };
  },
  "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}": async (request) => {
    const { repo, run } = runFromParams(request);
    const wasCompleted = run.status === "completed";
    applyRunFields(run, bodyObject(request.body));
    if (run.status === "completed" && !wasCompleted) await emitRun(request, repo, run, "completed");
    return { status: 200, body: await serializeCheckRun(request.ctx, repo, run) };
  },
  "GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations": (request) => {
    const { repo, run } = runFromParams(request);
    const annotations = page(run.annotations as Record<string, unknown>[], request).map((a) => ({
      path: a.path,
      blob_href: request.ctx.urls.html(`${repo.fullName}/blob/${run.headSha}/${String(a.path)}`),
      start_line: a.start_line,
      end_line: a.end_line,
      start_column: a.start_column ?? null,
      end_column: a.end_column ?? null,
      annotation_level: a.annotation_level,
      title: a.title ?? null,
      message: a.message,
      raw_details: a.raw_details ?? null,
    }));
    return { status: 200, body: annotations };
  },
  "GET /repos/{owner}/{repo}/check-runs/{check_run_id}": async (request) => {
    const { repo, run } = runFromParams(request);
    return { status: 200, body: await serializeCheckRun(request.ctx, repo, run) };
  },
  "GET /repos/{owner}/{repo}/commits/{ref}/check-runs": async (request) => {
    const { ctx, query } = request;
    const repo = repoFromParams(request);
    const sha = await resolveSha(repo, request.params.ref);
    let runs = [...ctx.state.checkRuns.values()].filter((r) => r.repo === repo.fullName && r.headSha === sha);
    if (query.get("check_name")) runs = runs.filter((r) => r.name === query.get("check_name"));
    if (query.get("status")) runs = runs.filter((r) => r.status === query.get("status"));
    // filter=latest (the default) keeps the newest run per name.
    if ((query.get("filter") ?? "latest") === "latest")
      runs = runs.filter((r) => !runs.some((other) => other.name === r.name && other.id > r.id));
    runs.sort((a, b) => b.id - a.id);
    return {
      status: 200,
      body: {
        total_count: runs.length,
        check_runs: await Promise.all(page(runs, request).map((r) => serializeCheckRun(ctx, repo, r))),
      },
    };
  },
  "POST /repos/{owner}/{repo}/statuses/{sha}": async (request) => {
    const { ctx } = request;
    const repo = repoFromParams(request);
    const body = bodyObject(request.body);
    const sha = await resolveSha(repo, request.params.sha);
    const now = timestamp();
    const status: CommitStatus = {
      id: ctx.state.nextId(),
      repo: repo.fullName,
      sha,
      state: body.state as CommitStatus["state"],
      context: String(body.context ?? "default"),
      description: (body.description as string | undefined) ?? null,
      targetUrl: (body.target_url as string | undefined) ?? null,
      creator: botAccount(ctx),
      createdAt: now,
      updatedAt: now,
    };
    ctx.state.statuses.push(status);
    await emitStatus(ctx, repo, status);
    ctx.checksChanged(repo, sha);
    return { status: 201, body: serializeStatus(request, repo, status) };
  },
  "GET /repos/{owner}/{repo}/commits/{ref}/status": async (request) => {
    const { ctx } = request;
    const repo = repoFromParams(request);
    const sha = await resolveSha(repo, request.params.ref);
    const all = ctx.state.statuses.filter((s) => s.repo === repo.fullName && s.sha === sha);
    const latest = all.filter((s) => !all.some((other) => other.context === s.context && other.id > s.id));
    const state = latest.some((s) => s.state === "failure" || s.state === "error")
      ? "failure"
      : latest.length && latest.every((s) => s.state === "success")
        ? "success"
        : "pending";
    return {
      status: 200,
      body: {
        state,
        statuses: latest.map((s) => {
          const { creator: _creator, ...simple } = serializeStatus(request, repo, s); // simple-status has no creator
          return {
            ...simple,
            required: (repo.protections.get(repo.defaultBranch)?.requiredChecks ?? []).includes(s.context),
          };
        }),
        sha,
        total_count: latest.length,
        repository: serializeRepo(ctx.urls, repo),
        commit_url: ctx.urls.repoApi(repo.fullName, `/commits/${sha}`),
        url: ctx.urls.repoApi(repo.fullName, `/commits/${sha}/status`),
      },
    };
  },
};
