import Chip from "@mui/material/Chip";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { ReviewFinding } from "@/db/schema";

const severityColor = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "info",
  info: "default",
} as const;

const kindLabel: Record<string, string> = {
  secret: "secret",
  vulnerability: "vulnerable dependency",
  complexity: "complexity",
  ai: "AI review",
};

/** A PR's findings at their file and line, open first; resolved ones struck through with the commit that fixed them. */
export function ReviewFindingList({ findings }: { findings: ReviewFinding[] }) {
  if (findings.length === 0) return null;
  const sorted = [...findings].sort((a, b) => (a.status === b.status ? 0 : a.status === "open" ? -1 : 1));
  return (
    <List dense disablePadding aria-label="Findings" data-testid="review-findings">
      {sorted.map((finding) => (
        <ListItem
          key={finding.id}
          disableGutters
          data-testid="review-finding"
          data-kind={finding.kind}
          data-status={finding.status}
          data-location={`${finding.path}:${finding.line}`}
          sx={{ display: "block", opacity: finding.status === "resolved" ? 0.7 : 1 }}
        >
          <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap" }} useFlexGap>
            <Chip size="small" label={finding.severity} color={severityColor[finding.severity]} />
            <Chip size="small" variant="outlined" label={kindLabel[finding.kind] ?? finding.kind} />
            <Typography variant="body2" component="code" sx={{ overflowWrap: "anywhere" }}>
              {finding.path}:{finding.line}
            </Typography>
            <Typography
              variant="body2"
              sx={{ fontWeight: 600, textDecoration: finding.status === "resolved" ? "line-through" : "none" }}
            >
              {finding.title}
            </Typography>
            {finding.status === "resolved" && (
              <Typography variant="body2" color="success.main">
                resolved{finding.resolvedSha ? ` in ${finding.resolvedSha.slice(0, 12)}` : ""}
              </Typography>
            )}
          </Stack>
          {finding.status === "open" && (
            <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: "anywhere", mt: 0.5 }}>
              {finding.message}
              {finding.suggestion ? ` Suggestion: ${finding.suggestion}` : ""}
            </Typography>
          )}
        </ListItem>
      ))}
    </List>
  );
}
