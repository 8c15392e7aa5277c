import { getPullRequestByNumber } from "@/db/queries/pull-requests";
import { markPullRequestClosed, markPullRequestMerged } from "@/db/queries/pull-requests";
import { getRunById } from "@/db/queries/runs";
import { endRun } from "@/lib/runs/end-run";
import { canTransition, isTerminal } from "@/lib/runs/state-machine";
import { transitionRun } from "@/lib/runs/transition-run";
import { findEventProjects } from "./find-event-projects";
import { pullRequestClosedPayloadSchema } from "./payload-schemas";
import type { TriggerContext } from "./trigger-context";

export type ClosedOutcome =
  | { status: "ignored"; reason: string }
  | { status: "merged" | "cancelled" | "recorded"; runId: string };

/**
 * A run's PR closed on GitHub by someone other than the pipeline: merged by a person, the
 * run ends merged; closed unmerged, it ends cancelled with the reason. Either way the
 * waiting pipeline is stopped (run/cancel.requested: its cancelOn ends the function, and
 * cancel-run stops running commands; a run that has ended keeps its state). A merge the
 * pipeline made itself (the run is merging) completes the run as merged too.
 */
export async function handlePullRequestClosed({
  context,
  installationId,
  payload,
}: {
  context: TriggerContext;
  installationId?: number;
  payload: Record<string, unknown>;
}): Promise<ClosedOutcome> {
  const parsed = pullRequestClosedPayloadSchema.safeParse(payload);
  if (!parsed.success) return { status: "ignored", reason: "not a pull request payload" };
  const { pull_request: pr, repository, sender } = parsed.data;
  const { db } = context;
  const found = await findEventProjects({ db, installationId, fullName: repository.full_name });
  for (const project of found?.projects ?? []) {
    const row = await getPullRequestByNumber({ db, projectId: project.id, number: pr.number });
    if (!row?.runId) continue;
    const run = await getRunById({ db, id: row.runId });
    if (!run) continue;
    const by = pr.merged_by?.login ?? sender.login;
    if (pr.merged) {
      await markPullRequestMerged({
        db,
        id: row.id,
        mergeCommitSha: pr.merge_commit_sha ?? row.mergeCommitSha ?? "",
        headSha: pr.head?.sha ?? null,
      });
      if (isTerminal(run.state)) return { status: "recorded", runId: run.id };
      const external = run.state !== "merging";
      if (!canTransition(run.state, "merged")) {
        // Merged before the run had a PR of its own state (mid-coding): a person must look.
        await endRun({
          db,
          runId: run.id,
          to: "needs_human",
          reason: `Merged on GitHub by @${by} while the run was ${run.state}`,
        });
        return { status: "merged", runId: run.id };
      }
      await transitionRun({
        db,
        runId: run.id,
        to: "merged",
        reason: external ? `Merged on GitHub by @${by}` : undefined,
        data: { sha: pr.merge_commit_sha ?? null, pullRequest: pr.number, by },
      });
      return { status: "merged", runId: run.id };
    }
    await markPullRequestClosed({ db, id: row.id });
    if (isTerminal(run.state)) return { status: "recorded", runId: run.id };
    const reason = `Pull request #${pr.number} was closed on GitHub by @${sender.login}`;
    await endRun({ db, runId: run.id, to: "cancelled", reason });
    return { status: "cancelled", runId: run.id };
  }
  return { status: "ignored", reason: "not a Mergeline pull request" };
}
