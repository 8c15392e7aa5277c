import { liveHeadSha } from "./pull-head";
import type { EmulatorContext } from "./context";
import { branchSha } from "./run-git";
import { serializeApp } from "./serialize-basics";
import type { CheckRun, Repo } from "./state";
import { nodeId } from "./urls";

/** GitHub lists the open same-repository PRs whose head is the run's commit. */
export async function serializeCheckRun(
  ctx: EmulatorContext,
  repo: Repo,
  run: CheckRun,
): Promise<Record<string, unknown>> {
  const api = ctx.urls.repoApi(repo.fullName, `/check-runs/${run.id}`);
  const pulls = [];
  for (const issue of repo.issues.values()) {
    if (issue.pull && issue.state === "open" && (await liveHeadSha(repo, issue)) === run.headSha) pulls.push(issue);
  }
  const head = (ref: string, sha: string) => ({
    ref,
    sha,
    repo: { id: repo.id, url: ctx.urls.repoApi(repo.fullName), name: repo.name },
  });
  return {
    id: run.id,
    node_id: nodeId("CheckRun", run.id),
    head_sha: run.headSha,
    external_id: run.externalId ?? "",
    url: api,
    html_url: ctx.urls.html(`${repo.fullName}/runs/${run.id}`),
    details_url: run.detailsUrl ?? ctx.urls.html(`${repo.fullName}/runs/${run.id}`),
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.annotations.length,
      annotations_url: `${api}/annotations`,
    },
    name: run.name,
    check_suite: { id: run.suiteId },
    app: serializeApp(ctx.urls, ctx.app),
    pull_requests: await Promise.all(
      pulls.map(async (i) => ({
        id: i.id,
        number: i.number,
        url: ctx.urls.repoApi(repo.fullName, `/pulls/${i.number}`),
        head: head(i.pull!.head, run.headSha),
        base: head(i.pull!.base, (await branchSha(repo.dir, i.pull!.base)) ?? ""),
      })),
    ),
  };
}
