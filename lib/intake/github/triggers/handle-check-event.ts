import { getRunPullRequestsByHeadSha } from "@/db/queries/pull-requests";
import { getCommitStatusesBySha, upsertCommitStatus } from "@/db/queries/commit-statuses";
import { getRunById } from "@/db/queries/runs";
import type { CommitStatus, Project } from "@/db/schema";
import { recordedMergeRequest } from "@/lib/runs/recorded-decisions";
import { requestMerge } from "@/lib/runs/request-run-action";
import { findEventProjects } from "./find-event-projects";
import { checkRunPayloadSchema, checkSuitePayloadSchema, statusPayloadSchema } from "./payload-schemas";
import { summarizeChecks } from "@/lib/git-provider/summarize-checks";
import type { TriggerContext } from "./trigger-context";

type Evidence = {
  sha: string;
  context: string;
  state: CommitStatus["state"];
  description: string | null;
  targetUrl: string | null;
};

/** GitHub's check conclusions in commit status words: neutral and skipped do not block, as on GitHub. */
function conclusionState(
  status: string | null | undefined,
  conclusion: string | null | undefined,
): CommitStatus["state"] {
  if (status !== "completed" || !conclusion) return "pending";
  if (["success", "neutral", "skipped"].includes(conclusion)) return "success";
  if (conclusion === "cancelled") return "error";
  return "failure";
}

function evidenceOf(name: string, payload: Record<string, unknown>): { fullName: string; evidence: Evidence } | null {
  if (name.startsWith("github/check_run.")) {
    const parsed = checkRunPayloadSchema.safeParse(payload);
    if (!parsed.success) return null;
    const run = parsed.data.check_run;
    const context = run.app?.slug ? `${run.app.slug}/${run.name}` : run.name;
    return {
      fullName: parsed.data.repository.full_name,
      evidence: {
        sha: run.head_sha,
        context,
        state: conclusionState(run.status, run.conclusion),
        description: run.conclusion ?? run.status,
        targetUrl: run.details_url ?? run.html_url ?? null,
      },
    };
  }
  if (name.startsWith("github/check_suite.")) {
    const parsed = checkSuitePayloadSchema.safeParse(payload);
    if (!parsed.success) return null;
    const suite = parsed.data.check_suite;
    const context = `check-suite/${suite.app?.slug ?? suite.app?.name ?? "unknown"}`;
    return {
      fullName: parsed.data.repository.full_name,
      evidence: {
        sha: suite.head_sha,
        context,
        state: conclusionState(suite.status ?? "completed", suite.conclusion),
        description: suite.conclusion ?? null,
        targetUrl: null,
      },
    };
  }
  const parsed = statusPayloadSchema.safeParse(payload);
  if (!parsed.success) return null;
  const status = parsed.data;
  return {
    fullName: status.repository.full_name,
    evidence: {
      sha: status.sha,
      context: status.context,
      state: status.state,
      description: status.description ?? null,
      targetUrl: status.target_url ?? null,
    },
  };
}

export type CheckOutcome =
  | { status: "ignored"; reason: string }
  | { status: "recorded"; runIds: string[]; mergeRequested: string[] };

/**
 * External CI results (check runs, check suites, commit statuses) on the head of a run's
 * PR, recorded in commit_statuses as validation evidence. Under the merge policy
 * `auto-when-all-checks-pass`, a ready run whose checks have now all passed is merged
 * (mark-ready left it waiting for them).
 */
export async function handleCheckEvent({
  context,
  installationId,
  name,
  payload,
}: {
  context: TriggerContext;
  installationId?: number;
  name: string;
  payload: Record<string, unknown>;
}): Promise<CheckOutcome> {
  const found = evidenceOf(name, payload);
  if (!found) return { status: "ignored", reason: "not a check payload" };
  const { db } = context;
  const event = await findEventProjects({ db, installationId, fullName: found.fullName });
  const runIds: string[] = [];
  const mergeRequested: string[] = [];
  for (const project of event?.projects ?? []) {
    const pullRequests = await getRunPullRequestsByHeadSha({ db, projectId: project.id, sha: found.evidence.sha });
    if (pullRequests.length === 0) continue;
    await upsertCommitStatus({ db, values: { projectId: project.id, ...found.evidence } });
    for (const pullRequest of pullRequests) {
      if (!pullRequest.runId) continue;
      runIds.push(pullRequest.runId);
      if (await mergeWhenAllPass(context, project, pullRequest.runId, found.evidence.sha))
        mergeRequested.push(pullRequest.runId);
    }
  }
  return runIds.length === 0
    ? { status: "ignored", reason: "not the head of a Mergeline pull request" }
    : { status: "recorded", runIds, mergeRequested };
}

async function mergeWhenAllPass(
  context: TriggerContext,
  project: Project,
  runId: string,
  sha: string,
): Promise<boolean> {
  const { db } = context;
  if (project.settings.autoMerge !== "auto-when-all-checks-pass") return false;
  const run = await getRunById({ db, id: runId });
  if (run?.state !== "ready") return false;
  if (summarizeChecks(await getCommitStatusesBySha({ db, projectId: project.id, sha })).state !== "success")
    return false;
  if (await recordedMergeRequest({ db, runId })) return false;
  await requestMerge({ db, runId, actor: { kind: "system" }, ip: null });
  return true;
}
