import { AppError } from "@/lib/platform/errors";
import type { CheckRunAnnotation, CheckRunInput } from "@/lib/git-provider/types";
import { toAppError } from "./github-api-error";
import type { GitHubContext } from "./github-context";

// GitHub takes at most 50 annotations per request; more are sent in further updates.
const ANNOTATIONS_PER_REQUEST = 50;
// Limits of the check run output fields (characters).
const SUMMARY_MAX = 65_535;
const TEXT_MAX = 65_535;

const clip = (value: string, max: number) =>
  value.length <= max ? value : `${value.slice(0, max - 20)}\n\n… (truncated)`;

function toApiAnnotation(annotation: CheckRunAnnotation) {
  return {
    path: annotation.path,
    start_line: annotation.startLine,
    end_line: annotation.endLine,
    annotation_level: annotation.level,
    message: annotation.message.slice(0, 64 * 1024),
    title: annotation.title?.slice(0, 255),
  };
}

/**
 * Creates the App's check run `name` on `sha`, or updates the one it already made there
 * (found by name among the commit's check runs of this App), so a retried step never
 * leaves two. Annotations past 50 go out in follow-up updates.
 */
export async function publishGitHubCheckRun(
  ctx: GitHubContext,
  appId: string,
  input: Omit<CheckRunInput, "project">,
): Promise<{ id: string }> {
  if (!/^[0-9a-f]{40}$/.test(input.sha))
    throw new AppError("bad_request:sha", `"${input.sha}" is not a full commit sha`);
  if (!input.name.trim()) throw new AppError("bad_request:name", "A check run needs a name");
  if (input.status === "completed" && !input.conclusion)
    throw new AppError("bad_request:conclusion", "A completed check run needs a conclusion");
  const annotations = (input.annotations ?? []).map(toApiAnnotation);
  const output = (batch: ReturnType<typeof toApiAnnotation>[]) => ({
    title: input.title.slice(0, 255),
    summary: clip(input.summary, SUMMARY_MAX),
    text: input.text === undefined ? undefined : clip(input.text, TEXT_MAX),
    annotations: batch.length ? batch : undefined,
  });
  const fields = {
    status: input.status,
    conclusion: input.status === "completed" ? input.conclusion : undefined,
    details_url: input.detailsUrl,
    ...(input.status === "completed" ? { completed_at: new Date().toISOString() } : {}),
  };
  try {
    const { data: listed } = await ctx.octokit.rest.checks.listForRef({
      ...ctx.repo,
      ref: input.sha,
      check_name: input.name,
      filter: "all",
      per_page: 100,
    });
    const mine = listed.check_runs.find((run) => run.name === input.name && String(run.app?.id ?? appId) === appId);
    const first = annotations.slice(0, ANNOTATIONS_PER_REQUEST);
    let id: number; // GitHub ids fit in a double (the typings allow bigint)
    if (mine) {
      await ctx.octokit.rest.checks.update({
        ...ctx.repo,
        check_run_id: Number(mine.id),
        ...fields,
        output: output(first),
      });
      id = Number(mine.id);
    } else {
      const { data } = await ctx.octokit.rest.checks.create({
        ...ctx.repo,
        head_sha: input.sha,
        name: input.name,
        ...fields,
        output: output(first),
      });
      id = Number(data.id);
    }
    for (let start = ANNOTATIONS_PER_REQUEST; start < annotations.length; start += ANNOTATIONS_PER_REQUEST) {
      await ctx.octokit.rest.checks.update({
        ...ctx.repo,
        check_run_id: id,
        output: output(annotations.slice(start, start + ANNOTATIONS_PER_REQUEST)),
      });
    }
    return { id: String(id) };
  } catch (error) {
    throw toAppError(error, "check_run");
  }
}
