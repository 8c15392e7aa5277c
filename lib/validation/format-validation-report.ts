import type { CommandResult, Preview, Validation } from "@/db/schema";
import { browserCheckPassed } from "@/lib/validation/browser-checks/browser-check-passed";
import {
  summarizeAcceptanceFailures,
  summarizeBrowserFailures,
  summarizeFailure,
  summarizePreviewFailure,
} from "@/lib/validation/summarize-failure";

export type ReportedValidation = Pick<
  Validation,
  "runId" | "attempt" | "status" | "headSha" | "setup" | "tests" | "browserChecks" | "acceptance" | "artifacts"
> &
  Partial<Pick<Validation, "setupCacheHit">>;

export type ValidationReportOptions = {
  /** The attempt's preview, when the project has a preview command. */
  preview?: Pick<Preview, "url" | "status" | "restarts" | "lastError"> | null;
  /** The end of the preview's output, shown when it failed. */
  previewLog?: string;
  /** Prefix for artifact links (MERGELINE_PUBLIC_URL); relative links without it. */
  baseUrl?: string;
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function commandCell(result: CommandResult): string {
  if (result.exitCode === 0) return `passed (${seconds(result.durationMs)})`;
  if (result.timedOut) return `**timed out** after ${seconds(result.durationMs)}`;
  return result.exitCode !== null
    ? `**failed**: exit code ${result.exitCode} (${seconds(result.durationMs)})`
    : `**killed** by ${result.signal ?? "a signal"}`;
}

const code = (text: string) => `\`${text.replace(/`/g, "'").replace(/\n/g, " ")}\``;

/**
 * The validation of one attempt as markdown: the check run's text, the PR comment, and
 * (stored as validations.summary) the evidence the agent's next attempt gets. Covers the
 * preview, every command, every browser check with its screenshot, the plan's acceptance
 * checks item by item, and what failed in detail.
 */
export function formatValidationReport(validation: ReportedValidation, options: ValidationReportOptions = {}): string {
  const { preview } = options;
  const artifactUrl = (name: string) =>
    `${options.baseUrl ?? ""}/api/runs/${validation.runId}/artifacts/${validation.attempt}/${encodeURIComponent(name)}`;
  const verdict = {
    passed: "passed",
    failed: "failed",
    cancelled: "was cancelled",
    error: "could not run",
    running: "is running",
    pending: "is pending",
  }[validation.status];
  const lines = [
    `**Validation of attempt ${validation.attempt} ${verdict}**${validation.headSha ? ` at ${code(validation.headSha.slice(0, 12))}` : ""}`,
    "",
  ];

  if (preview) {
    const restarts = preview.restarts > 0 ? `, restarted ${preview.restarts}×` : "";
    lines.push(
      preview.status === "ready" || preview.status === "crashed"
        ? `Preview: ${preview.url} (${preview.status}${restarts})`
        : `Preview: ${preview.status}${restarts}${preview.lastError ? `: ${preview.lastError}` : ""}`,
      "",
    );
  }

  if (validation.setupCacheHit) {
    // A reviewer weighing a result wants to know the installed state was not made fresh.
    lines.push(
      `Setup was restored from the setup cache (${code(validation.setupCacheHit.slice(0, 12))}): its commands did not run.`,
      "",
    );
  }

  const rows: string[] = [];
  for (const result of validation.setup) rows.push(`| setup | ${code(result.command)} | ${commandCell(result)} |`);
  for (const result of validation.tests) rows.push(`| test | ${code(result.command)} | ${commandCell(result)} |`);
  for (const check of validation.browserChecks) {
    const problems = check.pageErrors.length + check.consoleErrors.length + check.failedRequests.length;
    const shot = check.screenshot ? ` · [screenshot](${artifactUrl(check.screenshot)})` : "";
    const state = browserCheckPassed(check)
      ? "passed"
      : `**failed**: ${check.status === null ? "did not load" : `HTTP ${check.status}`}, ${problems} problem${problems === 1 ? "" : "s"}`;
    rows.push(`| browser | ${code(check.page)} | ${state}${shot} |`);
  }
  if (rows.length > 0) lines.push("| step | what | result |", "| --- | --- | --- |", ...rows, "");
  else lines.push("No setup or test commands are configured.", "");

  if (validation.acceptance.length > 0) {
    const met = validation.acceptance.filter((result) => result.passed).length;
    lines.push(`Acceptance checks of the plan: ${met} of ${validation.acceptance.length} met`);
    for (const result of validation.acceptance)
      lines.push(`- [${result.passed ? "x" : " "}] ${result.description}: ${result.evidence}`);
    lines.push("");
  }

  const logs = validation.artifacts.filter((artifact) => artifact.kind === "log");
  if (logs.length > 0)
    lines.push(`Logs: ${logs.map((artifact) => `[${artifact.name}](${artifactUrl(artifact.name)})`).join(", ")}`, "");

  const failures: string[] = [];
  const failedSetup = validation.setup.find((result) => result.exitCode !== 0);
  const failedTest = validation.tests.find((result) => result.exitCode !== 0);
  if (failedSetup) failures.push(summarizeFailure("setup", failedSetup));
  else if (failedTest) failures.push(summarizeFailure("tests", failedTest));
  if (preview?.status === "failed")
    failures.push(summarizePreviewFailure(preview.lastError ?? "it stopped", options.previewLog ?? ""));
  const browserFailures = summarizeBrowserFailures(validation.browserChecks);
  if (browserFailures) failures.push(browserFailures);
  const acceptanceFailures = summarizeAcceptanceFailures(validation.acceptance);
  if (acceptanceFailures && validation.status === "failed") failures.push(acceptanceFailures);
  if (failures.length > 0 && validation.status !== "passed") lines.push("What failed:", "", failures.join("\n\n"));
  return lines.join("\n").trimEnd();
}
