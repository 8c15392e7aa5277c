import { findEventProjects } from "./find-event-projects";
import { issueLabeledPayloadSchema } from "./payload-schemas";
import { type IssueRunOutcome, startIssueRun } from "./start-issue-run";
import type { TriggerContext } from "./trigger-context";

export type LabeledOutcome = { status: "ignored"; reason: string } | IssueRunOutcome;

/** `issues.labeled` with the project's trigger label (default `mergeline`) starts a run for the issue. */
export async function handleIssueLabeled({
  context,
  installationId,
  payload,
}: {
  context: TriggerContext;
  installationId?: number;
  payload: Record<string, unknown>;
}): Promise<LabeledOutcome> {
  const parsed = issueLabeledPayloadSchema.safeParse(payload);
  if (!parsed.success) return { status: "ignored", reason: "not an issue labeled payload" };
  const { issue, label, repository, sender } = parsed.data;
  if (issue.pull_request) return { status: "ignored", reason: "a pull request, not an issue" };
  if (issue.state === "closed") return { status: "ignored", reason: "the issue is closed" };
  const found = await findEventProjects({ db: context.db, installationId, fullName: repository.full_name });
  if (!found) return { status: "ignored", reason: "unknown, deleted or suspended installation" };
  const project = found.projects.find(
    (candidate) => candidate.settings.triggerLabel.toLowerCase() === label.name.toLowerCase(),
  );
  if (!project)
    return {
      status: "ignored",
      reason: found.projects.length === 0 ? "repository not pinned" : "not the trigger label",
    };
  return startIssueRun({ context, installation: found.installation, project, issue, sender });
}
