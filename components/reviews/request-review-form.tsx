"use client";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ServerAction } from "@/components/server-action";

/** "Review a pull request": its number, then the review's page. */
export function RequestReviewForm({
  projectId,
  requestReviewAction,
}: {
  projectId: string;
  requestReviewAction: ServerAction<{ projectId: string; pullRequest: number }, { reviewId: string }>;
}) {
  const router = useRouter();
  const [number, setNumber] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <Stack
      component="form"
      direction={{ xs: "column", sm: "row" }}
      spacing={1}
      sx={{ alignItems: { sm: "flex-start" }, mb: 2 }}
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          setError(null);
          const result = await requestReviewAction({ projectId, pullRequest: Number(number) });
          if (!result.ok) return setError(result.error);
          router.push(`/projects/${projectId}/reviews/${result.reviewId}`);
        });
      }}
    >
      <TextField
        size="small"
        label="Pull request number"
        value={number}
        onChange={(event) => setNumber(event.target.value.replace(/\D/g, ""))}
        slotProps={{ htmlInput: { inputMode: "numeric", "data-testid": "review-pull-request" } }}
        required
      />
      <Button type="submit" variant="contained" loading={pending} disabled={!number}>
        Review
      </Button>
      {error && (
        <Alert severity="error" data-testid="review-request-error">
          {error}
        </Alert>
      )}
    </Stack>
  );
}
