import LinearProgress from "@mui/material/LinearProgress";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { ReviewProgress as Progress } from "@/db/schema";

const KIND_LABELS: Record<string, string> = {
  secret: "secrets",
  complexity: "complexity",
  vulnerability: "vulnerabilities",
  ai: "AI",
};

/**
 * A running review's progress, as the review page re-renders it on each of the review's events:
 * whether the static analysis is done, the diff's size and the static findings so far, and
 * whether the AI review is running.
 */
export function ReviewProgress({ progress }: { progress: Progress | null }) {
  const stage = progress?.stage ?? "queued";
  const counts = Object.entries(progress?.findings ?? {}).filter(([, count]) => count > 0);
  const total = counts.reduce((sum, [, count]) => sum + count, 0);
  return (
    <Stack spacing={0.5} data-testid="review-progress" data-stage={stage} aria-live="polite">
      <LinearProgress aria-label="The review is running" />
      <Typography color="text.secondary">
        {stage === "queued" && "The review is waiting to start."}
        {stage === "analyzing" && "Static analysis of the diff is running."}
        {(stage === "ai" || stage === "recording") && "Static analysis done"}
        {stage === "ai" && "; the AI review is running."}
        {stage === "recording" && "; recording the findings."}
      </Typography>
      {progress?.files !== undefined && (
        <Typography variant="body2" data-testid="review-progress-counts">
          {progress.files} files, +{progress.added ?? 0} −{progress.removed ?? 0}; {total}{" "}
          {total === 1 ? "finding" : "findings"} so far
          {counts.length > 0 &&
            ` (${counts.map(([kind, count]) => `${KIND_LABELS[kind] ?? kind} ${count}`).join(", ")})`}
          .
        </Typography>
      )}
    </Stack>
  );
}
