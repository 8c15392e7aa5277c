import Alert from "@mui/material/Alert";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Chip from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { Review, ReviewFinding } from "@/db/schema";
import { ReviewFindingList } from "./review-finding-list";
import { ReviewProgress } from "./review-progress";

type Metadata = {
  filesChanged?: number;
  added?: number;
  removed?: number;
  languages?: Record<string, number>;
  generatedFiles?: number;
  vendoredFiles?: number;
  truncated?: boolean;
};
type Dependency = { name: string; path: string; change: string; from: string | null; to: string | null };
type Complexity = { name: string; path: string; before: number | null; after: number; flagged: boolean };
type Advisories = {
  checked: boolean;
  reason?: string;
  vulnerabilities?: { id: string; name: string; version: string }[];
};
type AiReview = {
  status: string;
  model?: string;
  reason?: string;
  kept?: number;
  dropped?: number;
  scripted?: boolean;
};

/**
 * The feedback report of a review: what the diff holds (files, lines, languages, generated and
 * vendored files), changed functions' complexity, dependency changes, known vulnerabilities
 * ("not checked" said as such), the AI review, and the PR's findings, open and resolved.
 */
export function ReviewReport({
  review,
  findings,
  title = "Review",
}: {
  review: Review;
  findings: ReviewFinding[];
  title?: string;
}) {
  const metadata = (review.metadata ?? {}) as Metadata;
  const dependencies = review.dependencies as Dependency[];
  const complexity = review.complexity as Complexity[];
  const advisories = review.advisories as Advisories | null;
  const ai = review.aiReview as AiReview | null;
  const languages = Object.entries(metadata.languages ?? {}).sort((a, b) => b[1] - a[1]);
  const open = findings.filter((finding) => finding.status === "open");
  return (
    <Card component="section" aria-labelledby="review-title" data-testid="review-report" data-status={review.status}>
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap", mb: 1 }} useFlexGap>
          <Typography id="review-title" variant="h2">
            {title}
          </Typography>
          <Chip size="small" label={review.status} color={review.status === "failed" ? "error" : "default"} />
          {review.attempt !== null && <Chip size="small" variant="outlined" label={`attempt ${review.attempt}`} />}
          {review.headSha && (
            <Typography variant="body2" color="text.secondary" component="code">
              {review.headSha.slice(0, 12)}
            </Typography>
          )}
        </Stack>
        {review.status === "running" && <ReviewProgress progress={review.progress} />}
        {review.status === "failed" && <Alert severity="error">The review could not run: {review.error}</Alert>}
        {review.status === "completed" && (
          <Stack spacing={1.5}>
            {review.blockers.length > 0 ? (
              <Alert severity="error" data-testid="review-blockers">
                Merge blocked by the project's policy: {review.blockers.join("; ")}.
              </Alert>
            ) : (
              <Alert severity={open.length > 0 ? "info" : "success"}>
                {open.length > 0 ? `${open.length} open findings; none blocks merging.` : "No open findings."}
              </Alert>
            )}
            <Typography variant="body2">
              {metadata.filesChanged ?? 0} files, +{metadata.added ?? 0} −{metadata.removed ?? 0}
              {languages.length > 0 && `: ${languages.map(([language, lines]) => `${language} (${lines})`).join(", ")}`}
              {metadata.generatedFiles ? `; ${metadata.generatedFiles} generated` : ""}
              {metadata.vendoredFiles ? `; ${metadata.vendoredFiles} vendored` : ""}
              {metadata.truncated ? "; the diff was cut at its size limit" : ""}.
            </Typography>
            <Typography variant="body2" data-testid="review-advisories">
              Vulnerabilities:{" "}
              {advisories?.checked
                ? `${advisories.vulnerabilities?.length ?? 0} known (${(advisories.vulnerabilities ?? []).map((v) => `${v.name}@${v.version} ${v.id}`).join(", ") || "none"})`
                : `not checked${advisories?.reason ? `: ${advisories.reason}` : ""}`}
            </Typography>
            {dependencies.length > 0 && (
              <Typography variant="body2">
                Dependencies:{" "}
                {dependencies
                  .map(
                    (d) =>
                      `${d.name} ${d.change}${d.from || d.to ? ` (${d.from ?? "-"} → ${d.to ?? "-"})` : ""} in ${d.path}`,
                  )
                  .join("; ")}
              </Typography>
            )}
            {complexity.length > 0 && (
              <Typography variant="body2">
                Complexity:{" "}
                {complexity
                  .map(
                    (c) => `${c.name} in ${c.path} ${c.before ?? "new"} → ${c.after}${c.flagged ? " (flagged)" : ""}`,
                  )
                  .join("; ")}
              </Typography>
            )}
            {ai && (
              <Typography variant="body2" color="text.secondary">
                AI review:{" "}
                {ai.status === "done"
                  ? `${ai.model}${ai.dropped ? `, ${ai.dropped} findings outside the diff dropped` : ""}`
                  : `${ai.status}${ai.reason ? `: ${ai.reason}` : ""}`}
              </Typography>
            )}
            <ReviewFindingList findings={findings} />
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}
