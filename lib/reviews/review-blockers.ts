import type { ProjectSettings } from "@/db/schema";
import type { Severity } from "@/lib/reviews/types";

type OpenFinding = {
  kind: string;
  severity: Severity | string;
  status: string;
  title: string;
  path: string;
  line: number;
};

const rank: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };
const threshold: Record<string, number> = { critical: 4, high: 3, medium: 2 };

const defaultReviewPolicy = {
  blockOnSecrets: true,
  blockOnSeverity: "none",
  blockOnVulnerabilities: false,
} as const;

/**
 * Why the project's merge policy refuses a PR with these findings (empty: it does not).
 * Secrets block by default; the policy can also block on a severity (and worse) and on any
 * known vulnerability of a dependency version the PR brings in.
 */
export function reviewBlockers({
  settings,
  findings,
  vulnerabilities,
}: {
  settings: Pick<ProjectSettings, "reviewPolicy">;
  findings: OpenFinding[];
  /** Known vulnerabilities of the review, with or without a line to put a finding on. */
  vulnerabilities: number;
}): string[] {
  const policy = settings.reviewPolicy ?? defaultReviewPolicy;
  const open = findings.filter((finding) => finding.status === "open");
  const reasons: string[] = [];
  const at = (finding: OpenFinding) => `${finding.path}:${finding.line}`;
  const secrets = open.filter((finding) => finding.kind === "secret");
  if (policy.blockOnSecrets && secrets.length > 0)
    reasons.push(
      `${secrets.length} secret${secrets.length > 1 ? "s" : ""} in the diff (${secrets.map(at).join(", ")})`,
    );
  if (policy.blockOnVulnerabilities && vulnerabilities > 0)
    reasons.push(`${vulnerabilities} known vulnerabilit${vulnerabilities > 1 ? "ies" : "y"} in dependency versions`);
  const minimum = threshold[policy.blockOnSeverity];
  if (minimum !== undefined) {
    const severe = open.filter(
      (finding) =>
        (rank[finding.severity] ?? 0) >= minimum &&
        !(policy.blockOnSecrets && finding.kind === "secret") &&
        !(policy.blockOnVulnerabilities && finding.kind === "vulnerability"),
    );
    if (severe.length > 0)
      reasons.push(
        `${severe.length} finding${severe.length > 1 ? "s" : ""} of severity ${policy.blockOnSeverity} or worse (${severe.map(at).join(", ")})`,
      );
  }
  return reasons;
}
