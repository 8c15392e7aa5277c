import type { Database } from "@/db/client";
import { upsertIssue } from "@/db/queries/issues";
import { getActiveRunOfIssue } from "@/db/queries/runs";
import { getUserIdByGithubAccount } from "@/db/queries/accounts";
import type { Installation, Project, Run } from "@/db/schema";
import { AppError } from "@/lib/platform/errors";
import { getPinnedProjectsForRepository } from "@/db/queries/installations";
import { createRun } from "@/lib/runs/create-run";
import type { TriggerContext } from "./trigger-context";
import type { IssuePayload, Sender } from "./payload-schemas";
import { parseTarget } from "./parse-issue-directives";

export type IssueRunOutcome =
  | { status: "started"; runId: string; projectId: string }
  | { status: "already_running"; runId: string }
  | { status: "bad_target"; target: string }
  | { status: "refused"; reason: string };

const labelNames = (issue: IssuePayload) =>
  (issue.labels ?? []).map((label) => (typeof label === "string" ? label : label.name));

/**
 * Stores the issue and starts its run, unless one is still going (idempotent per issue:
 * the functions that call this are serialized per issue). A `target: owner/repo` line
 * sends the run to another pinned repository of the same team; an unknown target is
 * answered on the issue and starts nothing.
 */
export async function startIssueRun({
  context,
  installation,
  project,
  issue,
  sender,
  autoConfirm,
}: {
  context: TriggerContext;
  installation: Installation;
  project: Project;
  issue: IssuePayload;
  sender: Sender;
  /** Undefined: the project's setting. */
  autoConfirm?: boolean;
}): Promise<IssueRunOutcome> {
  const { db } = context;
  const body = issue.body ?? "";
  const stored = await upsertIssue({
    db,
    values: {
      projectId: project.id,
      number: issue.number,
      title: issue.title,
      body,
      url: issue.html_url ?? null,
      state: issue.state ?? "open",
      author: issue.user?.login ?? null,
      labels: labelNames(issue),
    },
  });
  const active = await getActiveRunOfIssue({ db, issueId: stored.id });
  if (active) return { status: "already_running", runId: active.id };

  const target = parseTarget(body);
  let runProject = project;
  if (target && target.toLowerCase() !== project.repository.toLowerCase()) {
    const found = await findTeamProject(db, installation, project, target);
    if (!found) {
      await context.provider(project).comment({
        project,
        number: issue.number,
        body: `Mergeline did not start a run: \`target: ${target}\` is not a pinned repository of this team. Pin it in Mergeline, or fix the line, and add the label again.`,
      });
      return { status: "bad_target", target };
    }
    runProject = found;
  }
  const createdBy = (await getUserIdByGithubAccount({ db, githubUserId: sender.id })) ?? null;
  let run: Run;
  try {
    run = await createRun({
      db,
      input: {
        project: runProject,
        goal: issue.title,
        requirements: body || null,
        source: "issue",
        issueId: stored.id,
        createdBy,
        ...(autoConfirm === undefined ? {} : { autoConfirm }),
      },
    });
  } catch (error) {
    // The project's scripted model cannot play this issue (or already did): say so on the issue.
    if (!(error instanceof AppError && error.code.endsWith(":goal"))) throw error;
    await context.provider(project).comment({
      project,
      number: issue.number,
      body: `Mergeline did not start a run: ${error.message}`,
    });
    return { status: "refused", reason: error.message };
  }
  return { status: "started", runId: run.id, projectId: runProject.id };
}

async function findTeamProject(
  db: Database,
  installation: Installation,
  source: Project,
  fullName: string,
): Promise<Project | undefined> {
  const candidates = await getPinnedProjectsForRepository({
    db,
    installation: { ...installation, teamId: source.teamId },
    fullName,
  });
  return candidates.find((candidate) => candidate.teamId === source.teamId);
}
