// What a review finds in a pull request's diff. Stored on reviews and review_findings
// (db/schema/reviews.ts), shown on the run and review pages, posted to the git host.

export const severities = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof severities)[number];

export const findingKinds = ["secret", "vulnerability", "complexity", "ai"] as const;
export type FindingKind = (typeof findingKinds)[number];

/** One line the diff adds (1-based, in the new file). */
export type AddedLine = { line: number; text: string };

export type DiffFile = {
  path: string;
  /** The path before a rename; equal to `path` otherwise. */
  oldPath: string;
  status: "added" | "modified" | "deleted" | "renamed";
  binary: boolean;
  added: number;
  removed: number;
  addedLines: AddedLine[];
  /** Line ranges of the new file that the diff shows (hunks): where a review comment can go. */
  hunks: { start: number; end: number }[];
};

export type FileMetadata = {
  path: string;
  status: DiffFile["status"];
  added: number;
  removed: number;
  language: string | null;
  generated: boolean;
  vendored: boolean;
  binary: boolean;
};

export type DiffMetadata = {
  files: FileMetadata[];
  filesChanged: number;
  added: number;
  removed: number;
  /** Changed lines per language, generated and vendored files left out. */
  languages: Record<string, number>;
  generatedFiles: number;
  vendoredFiles: number;
  /** The diff was cut at its cap: what is past it was not analyzed. */
  truncated: boolean;
};

export type ComplexityChange = {
  path: string;
  name: string;
  startLine: number;
  endLine: number;
  /** null: the function is new. */
  before: number | null;
  after: number;
  /** Above the project's threshold, and higher than before. */
  flagged: boolean;
};

export type Ecosystem = "npm" | "PyPI" | "Go";

export type DependencyChange = {
  ecosystem: Ecosystem;
  name: string;
  /** The manifest or lockfile it was read from. */
  path: string;
  change: "added" | "removed" | "upgraded" | "downgraded" | "changed";
  from: string | null;
  to: string | null;
  /** The 1-based line of the new version in the file, when the diff shows it. */
  line: number | null;
};

export type Vulnerability = {
  id: string;
  ecosystem: Ecosystem;
  name: string;
  version: string;
  summary: string;
  severity: Severity;
  path: string;
  line: number | null;
  aliases: string[];
  fixed: string | null;
};

/** `checked: false` when no advisory database is configured: never read as "no vulnerabilities". */
export type AdvisoryResult =
  | { checked: false; reason: string }
  | { checked: true; database: string; advisories: number; vulnerabilities: Vulnerability[] };

/** A finding before it is stored: `fingerprint` identifies it across commits (lines move, it stays). */
export type Finding = {
  kind: FindingKind;
  severity: Severity;
  path: string;
  line: number;
  title: string;
  message: string;
  suggestion: string | null;
  /** Secret findings: the rule; others: the tool or the model. */
  source: string;
  fingerprint: string;
};

export type StaticAnalysis = {
  metadata: DiffMetadata;
  complexity: ComplexityChange[];
  dependencies: DependencyChange[];
  advisories: AdvisoryResult;
  findings: Finding[];
  timings: Record<string, number>;
};

export type AiReviewOutcome =
  | { status: "skipped"; reason: string }
  | { status: "failed"; reason: string; model: string }
  | { status: "done"; model: string; scripted: boolean; kept: number; dropped: number };

/** A project's own secret pattern (settings.reviewSecretPatterns): a name and a regular expression. */
export type SecretPattern = { name: string; pattern: string };

/** An OSV advisory's part about one package (https://ossf.github.io/osv-schema/). */
export type OsvEvent = { introduced?: string; fixed?: string; last_affected?: string; limit?: string };
export type OsvAffected = {
  package?: { ecosystem?: string; name?: string };
  ranges?: { type?: string; events?: OsvEvent[] }[];
  versions?: string[];
  database_specific?: { severity?: string };
};
