"use client";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Chip from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ServerAction } from "@/components/server-action";
import { formatDuration } from "./format-duration";

/** One best-of-N candidate as the run page shows it. */
export type CandidateView = {
  index: number;
  agentLabel: string;
  branch: string;
  status: "coding" | "passed" | "failed" | "errored" | "cancelled";
  summary: string | null;
  diffLines: number | null;
  filesChanged: number | null;
  durationMs: number | null;
  chosen: boolean;
  hasCommit: boolean;
};

const statusColor = {
  coding: "info",
  passed: "success",
  failed: "error",
  errored: "warning",
  cancelled: "default",
} as const;

/**
 * Best-of-N: the run's parallel attempts side by side (agent, validation, diff size, branch),
 * the chosen one marked. While the run is ready, a member can pick another one instead: its
 * work replaces the PR's and is validated again.
 */
export function CandidateList({
  runId,
  candidates,
  canPick,
  pickCandidateAction,
}: {
  runId: string;
  candidates: CandidateView[];
  canPick: boolean;
  pickCandidateAction: ServerAction<{ runId: string; index: number }>;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [picking, setPicking] = useState<number | null>(null);
  const [pending, startTransition] = useTransition();
  if (candidates.length === 0) return null;
  const pick = (index: number) =>
    startTransition(async () => {
      setError(null);
      setPicking(index);
      const result = await pickCandidateAction({ runId, index });
      setPicking(null);
      if (!result.ok) return setError(result.error);
      router.refresh();
    });
  return (
    <Card component="section" aria-labelledby="candidates-title" data-testid="run-candidates">
      <CardContent>
        <Typography id="candidates-title" variant="h2" gutterBottom>
          {`Best of ${candidates.length}`}
        </Typography>
        {error && (
          <Alert severity="error" sx={{ mb: 1 }}>
            {error}
          </Alert>
        )}
        <Box
          sx={{
            display: "grid",
            gap: 1.5,
            gridTemplateColumns: { xs: "1fr", md: `repeat(${Math.min(candidates.length, 4)}, minmax(0, 1fr))` },
          }}
        >
          {candidates.map((candidate) => (
            <Box
              key={candidate.index}
              data-testid={`candidate-${candidate.index}`}
              sx={{
                border: 1,
                borderColor: candidate.chosen ? "success.main" : "divider",
                borderRadius: 1,
                p: 1.5,
                minWidth: 0,
              }}
            >
              <Stack spacing={1}>
                <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap" }} useFlexGap>
                  <Typography variant="subtitle2">{`Candidate ${candidate.index}`}</Typography>
                  <Chip size="small" color={statusColor[candidate.status]} label={candidate.status} />
                  {candidate.chosen && <Chip size="small" color="success" variant="outlined" label="the PR" />}
                </Stack>
                <Typography variant="body2">{candidate.agentLabel}</Typography>
                <Typography variant="caption" color="text.secondary" sx={{ overflowWrap: "anywhere" }}>
                  {[
                    candidate.diffLines !== null
                      ? `${candidate.diffLines} lines in ${candidate.filesChanged ?? 0} files`
                      : null,
                    candidate.durationMs !== null ? formatDuration(candidate.durationMs) : null,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </Typography>
                <Typography variant="caption" component="code" sx={{ overflowWrap: "anywhere" }}>
                  {candidate.branch}
                </Typography>
                {candidate.summary && (
                  <Typography
                    variant="body2"
                    color="text.secondary"
                    sx={{ overflowWrap: "anywhere", maxHeight: 120, overflow: "auto" }}
                  >
                    {candidate.summary.slice(0, 600)}
                  </Typography>
                )}
                {canPick && !candidate.chosen && candidate.hasCommit && (
                  <Button
                    size="small"
                    variant="outlined"
                    loading={pending && picking === candidate.index}
                    disabled={pending}
                    onClick={() => pick(candidate.index)}
                  >
                    Pick this one
                  </Button>
                )}
              </Stack>
            </Box>
          ))}
        </Box>
      </CardContent>
    </Card>
  );
}
