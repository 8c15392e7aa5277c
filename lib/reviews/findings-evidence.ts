import type { Review, ReviewFinding } from "@/db/schema";

/**
 * The review's open findings as evidence for the next attempt (and the validation's summary):
 * like a failing test, each says where, what and how to fix it. Secrets are redacted already.
 */
export function findingsEvidence(review: Pick<Review, "blockers">, findings: ReviewFinding[]): string {
  const open = findings.filter((finding) => finding.status === "open");
  if (open.length === 0 && review.blockers.length === 0) return "";
  const lines = [
    review.blockers.length > 0
      ? `Review: merge blocked by the project's policy: ${review.blockers.join("; ")}.`
      : `Review: ${open.length} open finding${open.length > 1 ? "s" : ""} (not blocking).`,
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
