import { getPullRequestByNumber } from "@/db/queries/pull-requests";
import { getActiveRunOfIssue } from "@/db/queries/runs";
import type { Project, Run } from "@/db/schema";
import { getIssueByNumber } from "@/db/queries/issue-labels";
import { getRunById } from "@/db/queries/runs";
import type { RepositoryPermission } from "@/lib/git-provider";
import { AppError } from "@/lib/platform/errors";
import { decidePlan } from "@/lib/runs/decide-plan";
import { requestCancel } from "@/lib/runs/request-run-action";
import { requestReview } from "@/lib/reviews/request-review";
import { findEventProjects } from "./find-event-projects";
import { parseCommand } from "./parse-issue-directives";
import { issueCommentPayloadSchema } from "./payload-schemas";
import { startIssueRun } from "./start-issue-run";
import type { TriggerContext } from "./trigger-context";

export type CommentOutcome =
  | { status: "ignored"; reason: string }
  | { status: "denied" }
  | { status: "done"; command: string; runId?: string; detail?: string }
  | { status: "refused"; command: string; reason: string };

const canWrite: RepositoryPermission[] = ["admin", "maintain", "write"];

/**
 * `/mergeline run | plan | approve | cancel` in an issue comment (or `approve` / `cancel`
 * in a comment on a run's pull request, `review` on any pull request), from someone with write access to the
 * repository. Bots (Mergeline's own comments included) are ignored; a person without
 * write access gets one reply saying so.
 */
export async function handleIssueComment({
  context,
  installationId,
  payload,
}: {
  context: TriggerContext;
  installationId?: number;
  payload: Record<string, unknown>;
}): Promise<CommentOutcome> {
  const parsed = issueCommentPayloadSchema.safeParse(payload);
  if (!parsed.success) return { status: "ignored", reason: "not an issue comment payload" };
  const { issue, comment, repository, sender } = parsed.data;
  if (sender.type === "Bot" || comment.user?.type === "Bot" || sender.login.endsWith("[bot]"))
    return { status: "ignored", reason: "written by a bot" };
  const command = parseCommand(comment.body ?? "");
  if (!command) return { status: "ignored", reason: "no /mergeline command" };
  const found = await findEventProjects({ db: context.db, installationId, fullName: repository.full_name });
  const project = found?.projects[0];
  if (!found || !project) return { status: "ignored", reason: "repository not pinned" };

  const reply = (body: string) =>
    context.provider(project).comment({ project, number: issue.number, body: `@${sender.login} ${body}` });
  const permission = await context.provider(project).getUserPermission({ project, login: sender.login });
  if (!canWrite.includes(permission)) {
    await reply(`only people with write access to ${repository.full_name} can give Mergeline commands.`);
    return { status: "denied" };
  }

  const refuse = async (reason: string): Promise<CommentOutcome> => {
    await reply(reason);
    return { status: "refused", command: command.command, reason };
  };
  const run = issue.pull_request
    ? await runOfPullRequest(context, project, issue.number)
    : await runOfIssue(context, project, issue.number);
  const actor = { kind: "github" as const, login: sender.login };

  switch (command.command) {
    case "review": {
      if (!issue.pull_request) return refuse("`/mergeline review` works on pull requests, not issues.");
      try {
        const { review } = await requestReview({
          db: context.db,
          project,
          number: issue.number,
          trigger: "request",
          requestedBy: `github:${sender.login}`,
        });
        return { status: "done", command: "review", detail: review.id };
      } catch (error) {
        if (error instanceof AppError && error.status < 500) return refuse(error.message);
        throw error;
      }
    }
    case "run":
    case "plan": {
      if (issue.pull_request)
        return refuse("`/mergeline run` and `/mergeline plan` work on issues, not pull requests.");
      const outcome = await startIssueRun({
        context,
        installation: found.installation,
        project,
        issue,
        sender,
        autoConfirm: command.command === "plan" ? false : undefined,
      });
      if (outcome.status === "already_running")
        return refuse(
          `a run for this issue is still going (${outcome.runId}); cancel it first with \`/mergeline cancel\`.`,
        );
      if (outcome.status === "bad_target")
        return { status: "refused", command: command.command, reason: `unknown target ${outcome.target}` };
      if (outcome.status === "refused") return { status: "refused", command: command.command, reason: outcome.reason };
      return { status: "done", command: command.command, runId: outcome.runId };
    }
    case "approve": {
      if (run?.state !== "awaiting_approval")
        return refuse(
          run ? `there is no plan awaiting approval (the run is ${run.state}).` : "there is no run for this issue.",
        );
      try {
        await decidePlan({ db: context.db, actor, ip: null, input: { runId: run.id, decision: "approve" } });
      } catch (error) {
        if (error instanceof AppError && error.status < 500) return refuse(error.message);
        throw error;
      }
      return { status: "done", command: "approve", runId: run.id };
    }
    case "cancel": {
      if (!run) return refuse("there is no unfinished run for this issue.");
      try {
        await requestCancel({
          db: context.db,
          runId: run.id,
          actor,
          ip: null,
          reason: `requested by @${sender.login} on GitHub`,
        });
      } catch (error) {
        if (error instanceof AppError && error.status < 500) return refuse(error.message);
        throw error;
      }
      return { status: "done", command: "cancel", runId: run.id };
    }
  }
}

async function runOfIssue(context: TriggerContext, project: Project, number: number): Promise<Run | undefined> {
  const issue = await getIssueByNumber({ db: context.db, projectId: project.id, number });
  return issue ? getActiveRunOfIssue({ db: context.db, issueId: issue.id }) : undefined;
}

async function runOfPullRequest(context: TriggerContext, project: Project, number: number): Promise<Run | undefined> {
  const pullRequest = await getPullRequestByNumber({ db: context.db, projectId: project.id, number });
  return pullRequest?.runId ? getRunById({ db: context.db, id: pullRequest.runId }) : undefined;
}
