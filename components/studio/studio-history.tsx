"use client";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import { useState, useTransition } from "react";
import type { StudioActions, StudioView } from "./types";

const kinds = { start: "Start", edit: "Agent edit", write: "File written", rollback: "Rollback" } as const;

/** The session's commits, newest first, each with its diff on demand and a rollback button. */
export function StudioHistory({
  sessionId,
  commits,
  canWrite,
  live,
  rollback,
  diff,
}: {
  sessionId: string;
  commits: StudioView["commits"];
  canWrite: boolean;
  live: boolean;
  rollback: StudioActions["rollback"];
  diff: StudioActions["diff"];
}) {
  const [diffs, setDiffs] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const head = commits.at(-1)?.sha;
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }}>
      <Typography variant="h2" sx={{ mb: 1 }}>
        History
      </Typography>
      {error && <Alert severity="error">{error}</Alert>}
      <Box component="ol" sx={{ listStyle: "none", p: 0, m: 0 }} aria-label="History">
        {[...commits].reverse().map((commit) => (
          <Box
            component="li"
            key={commit.sha}
            data-testid="studio-commit"
            sx={{ py: 1, borderTop: 1, borderColor: "divider" }}
          >
            <Box sx={{ display: "flex", gap: 1, alignItems: "baseline", flexWrap: "wrap" }}>
              <Typography variant="body2" sx={{ fontFamily: "monospace" }}>
                {commit.sha.slice(0, 7)}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {kinds[commit.kind]}
              </Typography>
              <Typography variant="body2" sx={{ flex: "1 1 12rem", wordBreak: "break-word" }}>
                {commit.description}
              </Typography>
            </Box>
            <Box sx={{ display: "flex", gap: 1, mt: 0.5 }}>
              {commit.kind !== "start" && (
                <Button
                  size="small"
                  onClick={() =>
                    startTransition(async () => {
                      if (diffs[commit.sha] !== undefined) {
                        const { [commit.sha]: _shown, ...rest } = diffs;
                        return setDiffs(rest);
                      }
                      const result = await diff({ sessionId, sha: commit.sha });
                      if (result.ok) setDiffs({ ...diffs, [commit.sha]: result.diff || "(no textual change)" });
                      else setError(result.error);
                    })
                  }
                >
                  {diffs[commit.sha] !== undefined ? "Hide diff" : "Diff"}
                </Button>
              )}
              {canWrite && live && commit.sha !== head && (
                <Button
                  size="small"
                  disabled={pending}
                  aria-label={`Roll back to ${commit.sha.slice(0, 7)}`}
                  onClick={() =>
                    startTransition(async () => {
                      const result = await rollback({ sessionId, commitHash: commit.sha });
                      setError(result.ok ? null : result.error);
                    })
                  }
                >
                  Roll back here
                </Button>
              )}
            </Box>
            {diffs[commit.sha] !== undefined && (
              <Box
                component="pre"
                sx={{ fontSize: 12, overflowX: "auto", bgcolor: "action.hover", p: 1, borderRadius: 1, m: 0 }}
              >
                {diffs[commit.sha]}
              </Box>
            )}
          </Box>
        ))}
      </Box>
    </Paper>
  );
}
