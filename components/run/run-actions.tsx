"use client";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { type ActionResult, cancelRunAction, decidePlanAction, mergeRunAction } from "@/app/(dashboard)/actions";
import type { RunState } from "@/db/schema";
import { isTerminal } from "@/lib/runs/state-machine";

export function RunActions({ runId, state }: { runId: string; state: RunState }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [pending, startTransition] = useTransition();
  const act = (action: () => Promise<ActionResult<object>>) =>
    startTransition(async () => {
      setError(null);
      const result = await action();
      if (!result.ok) setError(result.error);
      router.refresh();
    });

  return (
    <Stack spacing={1.5}>
      {error && <Alert severity="error">{error}</Alert>}
      {state === "awaiting_approval" && (
        <Stack direction={{ xs: "column", sm: "row" }} spacing={1} sx={{ alignItems: { sm: "center" } }}>
          <Button variant="contained" loading={pending} onClick={() => act(() => decidePlanAction({ runId, decision: "approve" }))}>
            Approve plan
          </Button>
          <TextField size="small" label="Reason to reject" value={reason} onChange={(event) => setReason(event.target.value)} />
          <Button color="error" disabled={pending} onClick={() => act(() => decidePlanAction({ runId, decision: "reject", reason: reason || undefined }))}>
            Reject plan
          </Button>
        </Stack>
      )}
      <Stack direction="row" spacing={1}>
        {state === "ready" && (
          <Button variant="contained" color="success" loading={pending} onClick={() => act(() => mergeRunAction({ runId }))}>
            Merge
          </Button>
        )}
        {!isTerminal(state) && (
          <Button variant="outlined" color="error" disabled={pending} onClick={() => act(() => cancelRunAction({ runId }))}>
            Cancel run
          </Button>
        )}
      </Stack>
    </Stack>
  );
}
