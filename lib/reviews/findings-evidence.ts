import type { ReviewFinding } from "@/db/schema";

/**
 * The review's open findings as evidence for the next attempt: like a failing test, each says
 * where, what and how to fix it (secrets redacted already). Only prompts get this list; the
 * PR has each finding once, as a comment at its line.
 */
export function findingsEvidence(findings: ReviewFinding[]): string {
  const open = findings.filter((finding) => finding.status === "open");
  if (open.length === 0) return "";
  const lines = [
    "Open findings of the review, to fix:",
    ...open
      .slice(0, 40)
      .map(
        (finding) =>
          `- [${finding.severity}] ${finding.path}:${finding.line} ${finding.title}: ${finding.message}${finding.suggestion ? ` Suggestion: ${finding.suggestion}` : ""}`,
      ),
  ];
  if (open.length > 40) lines.push(`- ... and ${open.length - 40} more`);
  return lines.join("\n");
}
