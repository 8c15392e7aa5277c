import type { Review, ReviewFinding } from "@/db/schema";

// How a review reads on the git host: the review's summary, each finding's comment (open or
// resolved), and the check run's text. Values come from the stored review (lib/reviews).

const kindLabel: Record<string, string> = {
  secret: "Secret",
  vulnerability: "Vulnerable dependency",
  complexity: "Complexity",
  ai: "AI review",
};

/** The comment of a finding at its line; a resolved one is struck through with the commit that resolved it. */
export function findingCommentBody(finding: ReviewFinding): string {
  const heading = `**${finding.severity.toUpperCase()}** · ${kindLabel[finding.kind] ?? finding.kind}: ${finding.title}`;
  const footer = `<sub>Mergeline review · ${finding.source}</sub>`;
  if (finding.status === "resolved")
    return `~~${heading}~~\n\n**Resolved**${finding.resolvedSha ? ` in \`${finding.resolvedSha.slice(0, 12)}\`` : ""}.\n\n${footer}`;
  return [heading, finding.message, finding.suggestion ? `**Suggestion:** ${finding.suggestion}` : null, footer]
    .filter(Boolean)
    .join("\n\n");
}

type Metadata = {
  filesChanged?: number;
  added?: number;
  removed?: number;
  languages?: Record<string, number>;
  generatedFiles?: number;
  vendoredFiles?: number;
};

/** The summary a review posts with its comments, and the check run's text. */
export function reviewSummary(review: Review, findings: ReviewFinding[]): string {
  const open = findings.filter((finding) => finding.status === "open");
  const fresh = open.filter((finding) => finding.firstReviewId === review.id);
  const resolvedNow = findings.filter((finding) => finding.status === "resolved" && finding.lastReviewId === review.id);
  const metadata = (review.metadata ?? {}) as Metadata;
  const languages = Object.entries(metadata.languages ?? {})
    .sort((a, b) => b[1] - a[1])
    .map(([language, lines]) => `${language} (${lines})`)
    .join(", ");
  const lines = [
    `### Mergeline review of \`${(review.headSha ?? "").slice(0, 12)}\``,
    "",
    `${metadata.filesChanged ?? 0} files, +${metadata.added ?? 0} -${metadata.removed ?? 0}${languages ? `: ${languages}` : ""}` +
      `${metadata.generatedFiles ? `; ${metadata.generatedFiles} generated` : ""}${metadata.vendoredFiles ? `; ${metadata.vendoredFiles} vendored` : ""}.`,
    "",
    open.length === 0
      ? "No open findings."
      : `**${open.length} open finding${open.length > 1 ? "s" : ""}**, ${fresh.length} new in this commit${fresh.length > 0 ? ":" : "."}`,
    // Only the new ones: each finding is listed (and commented on) once, whatever the commits after it.
    ...fresh
      .slice(0, 30)
      .map((finding) => `- **${finding.severity}** \`${finding.path}:${finding.line}\` ${finding.title}`),
  ];
  if (resolvedNow.length > 0) lines.push("", `Resolved by this commit: ${resolvedNow.map((f) => f.title).join("; ")}.`);
  const advisories = review.advisories as { checked?: boolean; reason?: string; vulnerabilities?: unknown[] } | null;
  lines.push(
    "",
    advisories?.checked
      ? `Dependency advisories: ${advisories.vulnerabilities?.length ?? 0} known vulnerabilit${advisories.vulnerabilities?.length === 1 ? "y" : "ies"}.`
      : `Dependency advisories: **not checked**${advisories?.reason ? ` (${advisories.reason})` : ""}.`,
  );
  const ai = review.aiReview as { status?: string; model?: string; reason?: string; dropped?: number } | null;
  if (ai?.status === "done")
    lines.push(
      `AI review by ${ai.model}${ai.dropped ? ` (${ai.dropped} finding${ai.dropped > 1 ? "s" : ""} outside the diff dropped)` : ""}.`,
    );
  else if (ai) lines.push(`AI review ${ai.status}: ${ai.reason ?? ""}`);
  if (review.blockers.length > 0) lines.push("", `**Merge blocked by policy:** ${review.blockers.join("; ")}.`);
  return lines.join("\n");
}
