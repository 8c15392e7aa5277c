import type { Review, ReviewFinding } from "@/db/schema";

/** The review in one line of the validation's summary (the findings themselves are comments at their lines). */
export function reviewVerdictLine(review: Pick<Review, "blockers">, findings: ReviewFinding[]): string {
  const open = findings.filter((finding) => finding.status === "open").length;
  if (review.blockers.length > 0)
    return `Review: merge blocked by the project's policy: ${review.blockers.join("; ")}.`;
  return open > 0 ? `Review: ${open} open finding${open > 1 ? "s" : ""}, none blocking.` : "Review: no open findings.";
}
