"use client";
import "react-diff-view/style/index.css";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { useMemo } from "react";
import { parseDiff } from "react-diff-view";
import type { RunDiff } from "@/lib/runs/get-run-diff";
import { diffStyles } from "./diff-styles";
import { FileDiff } from "./file-diff";

/** The branch's changes against its base, file by file, or why they cannot be shown. */
export function RunDiffView({ diff }: { diff: RunDiff }) {
  const files = useMemo(
    () => (diff.status === "ready" ? parseDiff(diff.diff, { nearbySequences: "zip" }) : []),
    [diff],
  );
  return (
    <Card component="section" aria-labelledby="diff-title">
      <CardContent>
        <Typography id="diff-title" variant="h2" gutterBottom>
          Changes
        </Typography>
        {diff.status === "ready" && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
            <code>{diff.branch}</code> against <code>{diff.baseBranch}</code> · {files.length} file
            {files.length === 1 ? "" : "s"}
          </Typography>
        )}
        {diff.status === "none" && <Typography color="text.secondary">{diff.reason}</Typography>}
        {diff.status === "unavailable" && (
          <Alert severity="info" data-testid="diff-unavailable">
            Diff unavailable: {diff.reason}
          </Alert>
        )}
        {diff.status === "ready" && diff.truncated && (
          <Alert severity="warning" sx={{ mb: 1.5 }}>
            The diff is too large to show whole; the first part is shown.
          </Alert>
        )}
        {diff.status === "ready" && files.length === 0 && (
          <Typography color="text.secondary">The branch changes nothing yet.</Typography>
        )}
        <Box sx={diffStyles}>
          <Stack spacing={1} data-testid="run-diff">
            {files.map((file, index) => (
              <FileDiff key={`${file.oldPath}:${file.newPath}`} file={file} defaultExpanded={index < 5} />
            ))}
          </Stack>
        </Box>
      </CardContent>
    </Card>
  );
}
