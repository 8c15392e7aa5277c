import type { Database } from "@/db/client";
import { getValidation } from "@/db/queries/validations";
import { getGitProvider } from "@/lib/git-provider";
import type { CheckRunAnnotation } from "@/lib/git-provider/types";
import { logger } from "@/lib/platform/logger";
import { loadRun } from "@/lib/runs/load-run";
import { runPageUrl } from "@/lib/reporting/report-run-status";

export const VALIDATION_CHECK_NAME = "Mergeline validation";

// "path:line" as test runners and compilers print it, to point annotations at the line.
const locationPattern = /(?:^|\s|\()((?:[\w.-]+\/)*[\w.-]+\.[A-Za-z]{1,5}):(\d+)(?::\d+)?/;

/** File positions named in the failing output, as failure annotations (at most 50). */
export function failureAnnotations(summary: string): CheckRunAnnotation[] {
  const seen = new Set<string>();
  const annotations: CheckRunAnnotation[] = [];
  for (const line of summary.split("\n")) {
    const match = locationPattern.exec(line);
    if (!match || match[1]!.startsWith("node:") || match[1]!.includes("node_modules")) continue;
    const key = `${match[1]}:${match[2]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const lineNumber = Number(match[2]);
    annotations.push({
      path: match[1]!,
      startLine: lineNumber,
      endLine: lineNumber,
      level: "failure",
      message: line.trim().slice(0, 1000),
      title: "Validation failure",
    });
    if (annotations.length >= 50) break;
  }
  return annotations;
}

/**
 * The PR's "Mergeline validation" check run for attempt `attempt`: in progress while it
 * validates, then completed with the validation summary (the failure summary of
 * lib/validation/summarize-failure when it failed) and annotations. Best effort.
 */
export async function reportValidationCheck({
  db,
  runId,
  attempt,
}: {
  db: Database;
  runId: string;
  attempt: number;
}): Promise<{ published: boolean }> {
  try {
    const { project, pullRequest } = await loadRun({ db, runId });
    const validation = await getValidation({ db, runId, attempt });
    const sha = validation?.headSha ?? pullRequest?.headSha;
    if (!sha) return { published: false };
    const provider = getGitProvider(project, { db });
    const detailsUrl = runPageUrl(runId) ?? undefined;
    if (!validation || validation.status === "pending" || validation.status === "running") {
      await provider.publishCheckRun({
        project,
        sha,
        name: VALIDATION_CHECK_NAME,
        status: "in_progress",
        title: `Attempt ${attempt}: validating`,
        summary: "Mergeline is running the project's setup and test commands.",
        detailsUrl,
      });
      return { published: true };
    }
    const passed = validation.status === "passed";
    const conclusion = passed ? "success" : validation.status === "cancelled" ? "cancelled" : "failure";
    const summary = validation.summary ?? (passed ? "All commands passed." : "Validation did not pass.");
    const commands = [...validation.setup, ...validation.tests].map(
      (command) =>
        `- \`${command.command}\`: exit ${command.exitCode ?? "none"} in ${Math.round(command.durationMs / 100) / 10} s`,
    );
    await provider.publishCheckRun({
      project,
      sha,
      name: VALIDATION_CHECK_NAME,
      status: "completed",
      conclusion,
      title: passed ? `Attempt ${attempt}: validation passed` : `Attempt ${attempt}: validation ${validation.status}`,
      summary: passed
        ? `Attempt ${attempt} passed every setup and test command.`
        : `Attempt ${attempt} did not pass validation.`,
      text: [summary, "", "Commands:", ...commands].join("\n"),
      annotations: passed ? [] : failureAnnotations(summary),
      detailsUrl,
    });
    return { published: true };
  } catch (error) {
    logger.warn({ err: error, runId, attempt }, "could not publish the validation check run");
    return { published: false };
  }
}
