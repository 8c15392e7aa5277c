import type { Database } from "@/db/client";
import { getPreviewsByRunId } from "@/db/queries/previews";
import { markValidationReported } from "@/db/queries/validations";
import type { Validation } from "@/db/schema";
import type { GitProvider } from "@/lib/git-provider/types";
import { failureAnnotations } from "@/lib/reporting/failure-annotations";
import { runPageUrl } from "@/lib/reporting/run-page-url";
import type { RunContext } from "@/lib/runs/load-run";
import { previewAddress, pullRequestLabel } from "@/lib/preview-proxy/preview-address";

export const VALIDATION_CHECK_NAME = "Mergeline validation";
export const VALIDATION_STATUS_CONTEXT = "mergeline/validation";
export const PREVIEW_STATUS_CONTEXT = "mergeline/preview";

const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** At the file:line of each parsed failure and problem; else wherever the summary names a file:line. */
function annotationsOf(validation: Validation, summary: string) {
  const parsed = [...validation.setup, ...validation.tests].flatMap((command) => command.evidence?.annotations ?? []);
  return parsed.length > 0 ? parsed.slice(0, 50) : failureAnnotations(summary);
}

/**
 * Each attempt's validation on the git host, in one place: while it runs, a pending commit
 * status and an in-progress "Mergeline validation" check run on its head; once it is done
 * (and only once: validations.reported_at), the final status, the completed check run with
 * the summary and annotations, and the summary as a PR comment.
 */
export async function reportValidations({
  db,
  context,
  provider,
  validations,
}: {
  db: Database;
  context: RunContext;
  provider: GitProvider;
  validations: Validation[];
}): Promise<void> {
  const { run, project, pullRequest } = context;
  const detailsUrl = runPageUrl(run.id) ?? undefined;
  for (const validation of validations) {
    const sha = validation.headSha;
    if (validation.reportedAt || !sha) continue;
    const { attempt } = validation;
    if (validation.status === "pending" || validation.status === "running") {
      await provider.setCommitStatus({
        project,
        sha,
        context: VALIDATION_STATUS_CONTEXT,
        state: "pending",
        description: `Attempt ${attempt}: validating`,
        targetUrl: detailsUrl,
      });
      await provider.publishCheckRun({
        project,
        sha,
        name: VALIDATION_CHECK_NAME,
        status: "in_progress",
        title: `Attempt ${attempt}: validating`,
        summary: "Mergeline is running the project's setup and test commands.",
        detailsUrl,
      });
      continue;
    }
    const passed = validation.status === "passed";
    const cancelled = validation.status === "cancelled";
    const summary = validation.summary ?? (passed ? "All commands passed." : "Validation did not pass.");
    if (!cancelled) {
      await provider.setCommitStatus({
        project,
        sha,
        context: VALIDATION_STATUS_CONTEXT,
        state: passed ? "success" : "failure",
        description: `Attempt ${attempt}: validation ${passed ? "passed" : "failed"}`,
        targetUrl: detailsUrl,
      });
    }
    const commands = [...validation.setup, ...validation.tests].map(
      (command) => `- \`${command.command}\`: exit ${command.exitCode ?? "none"} in ${seconds(command.durationMs)} s`,
    );
    await provider.publishCheckRun({
      project,
      sha,
      name: VALIDATION_CHECK_NAME,
      status: "completed",
      conclusion: passed ? "success" : cancelled ? "cancelled" : "failure",
      title: `Attempt ${attempt}: validation ${passed ? "passed" : validation.status}`,
      summary: passed
        ? `Attempt ${attempt} passed every setup and test command.`
        : `Attempt ${attempt} did not pass validation.`,
      text: [summary, "", "Commands:", ...commands].join("\n"),
      annotations: passed ? [] : annotationsOf(validation, summary),
      detailsUrl,
    });
    if (pullRequest && !cancelled) await provider.comment({ project, number: pullRequest.number, body: summary });
    if (pullRequest && !cancelled && project.settings.previewCommand) {
      // The preview's address on the PR's head, as a status whose link opens it (behind sign-in).
      const preview = (await getPreviewsByRunId({ db, runId: run.id })).filter((row) => row.attempt === attempt).at(-1);
      if (preview)
        await provider.setCommitStatus({
          project,
          sha,
          context: PREVIEW_STATUS_CONTEXT,
          state: preview.status === "ready" ? "success" : "failure",
          description:
            preview.status === "ready" ? `Attempt ${attempt}: preview deployed` : "The preview did not start",
          targetUrl: previewAddress(pullRequestLabel(pullRequest.number, project.name)),
        });
    }
    await markValidationReported({ db, id: validation.id });
  }
}
