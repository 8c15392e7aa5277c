import type { AcceptanceResult, BrowserCheck, CommandResult } from "@/db/schema";
import { renderEvidence } from "@/lib/validation/evidence";

const MAX_TAIL_LINES = 60;
const MAX_SUMMARY_CHARS = 6000;

function tail(output: string): string {
  const lines = output.trimEnd().split("\n");
  const kept = lines.slice(-MAX_TAIL_LINES).join("\n");
  return lines.length > MAX_TAIL_LINES ? `[... ${lines.length - MAX_TAIL_LINES} earlier lines ...]\n${kept}` : kept;
}

/**
 * A short account of why a command failed, for the agent's next attempt, the PR comment
 * and the check run: the command and how it ended, the failing tests with their messages
 * and the problems it printed (parsed: lib/validation/evidence), then one trimmed tail of
 * its output that repeats nothing shown above.
 */
export function summarizeFailure(phase: "setup" | "tests", result: CommandResult): string {
  return renderEvidence({ phase, result, parsed: result.evidence, maxChars: MAX_SUMMARY_CHARS });
}

function firstLines(text: string, lines = 8): string {
  const all = text.trimEnd().split("\n");
  return all.length > lines ? `${all.slice(0, lines).join("\n")}\n[...]` : all.join("\n");
}

/** Why the preview did not come up (or stay up), with the end of its output. */
export function summarizePreviewFailure(message: string, log: string): string {
  const parts = [`The preview failed: ${message}`];
  if (log.trim()) parts.push(`End of its output:\n${tail(log)}`);
  const summary = parts.join("\n\n");
  return summary.length > MAX_SUMMARY_CHARS ? `${summary.slice(0, MAX_SUMMARY_CHARS)}\n[... cut ...]` : summary;
}

/** What went wrong on each page that failed its browser check: status, uncaught errors, console errors, failed requests. */
export function summarizeBrowserFailures(checks: BrowserCheck[]): string {
  const parts: string[] = [];
  for (const check of checks) {
    const lines: string[] = [];
    if (check.status === null) lines.push("The page did not load.");
    else if (check.status >= 400) lines.push(`It answered HTTP ${check.status}.`);
    if (check.pageErrors.length > 0)
      lines.push(
        `Uncaught errors in the page:\n${check.pageErrors
          .slice(0, 5)
          .map((error) => firstLines(error))
          .join("\n")}`,
      );
    if (check.consoleErrors.length > 0)
      lines.push(
        `Console errors:\n${check.consoleErrors
          .slice(0, 10)
          .map((error) => `- ${error}`)
          .join("\n")}`,
      );
    if (check.failedRequests.length > 0)
      lines.push(
        `Failed requests:\n${check.failedRequests
          .slice(0, 10)
          .map((request) => `- ${request}`)
          .join("\n")}`,
      );
    if (lines.length > 0) parts.push(`The browser check of ${check.page} failed. ${lines.join("\n")}`);
  }
  const summary = parts.join("\n\n");
  return summary.length > MAX_SUMMARY_CHARS ? `${summary.slice(0, MAX_SUMMARY_CHARS)}\n[... cut ...]` : summary;
}

/** The acceptance checks of the plan that are not met, with their evidence. */
export function summarizeAcceptanceFailures(results: AcceptanceResult[]): string {
  const failed = results.filter((result) => !result.passed);
  if (failed.length === 0) return "";
  return `Acceptance checks of the approved plan that are not met:\n${failed.map((result) => `- ${result.description}: ${result.evidence}`).join("\n")}`;
}
