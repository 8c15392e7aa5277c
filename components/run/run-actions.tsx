"use client";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useRouter } from "next/navigation";
import { use, useState, useTransition } from "react";
import { PlanEditingContext } from "@/components/plan-editor/plan-editing-context";
import { RejectPlanDialog } from "@/components/plan-editor/reject-plan-dialog";
import type { ServerAction } from "@/components/server-action";
import type { RetryStrategy, RunState } from "@/db/schema";
import MenuItem from "@mui/material/MenuItem";
import type { ActionResult } from "@/lib/platform/run-action";
import { ConfirmDialog } from "./confirm-dialog";
import { runActionsFor } from "./run-actions-for";

type Dialog = "cancel" | "merge" | "reject" | null;

/**
 * The run's actions, beside its state: Approve, Edit and Reject while it awaits approval,
 * Merge when it is ready, Cancel while it is going, Retry once it ended without merging.
 * Merge and Cancel ask first. People who may only view see none.
 */
export function RunActions({
  runId,
  state,
  hasPlan,
  canWrite,
  approvePlanAction,
  rejectPlanAction,
  cancelRunAction,
  mergeRunAction,
  retryRunAction,
}: {
  runId: string;
  state: RunState;
  hasPlan: boolean;
  canWrite: boolean;
  approvePlanAction: ServerAction<{ runId: string }>;
  rejectPlanAction: ServerAction<{ runId: string; reason: string }>;
  cancelRunAction: ServerAction<{ runId: string; reason?: string }>;
  mergeRunAction: ServerAction<{ runId: string }>;
  retryRunAction: ServerAction<{ runId: string; strategy?: RetryStrategy }, { runId: string }>;
}) {
  const router = useRouter();
  const { editing, setEditing } = use(PlanEditingContext);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [working, setWorking] = useState<"approve" | "retry" | null>(null);
  const [reason, setReason] = useState("");
  const [strategy, setStrategy] = useState<RetryStrategy | "">("");
  const [pending, startTransition] = useTransition();
  const offered = runActionsFor(state, hasPlan);
  if (!canWrite) {
    return Object.values(offered).some(Boolean) ? (
      <Typography variant="body2" color="text.secondary" data-testid="run-actions-viewer">
        Your role in this team allows viewing; members and admins act on runs.
      </Typography>
    ) : null;
  }

  const act = <T extends object>(action: () => Promise<ActionResult<T>>, then?: (result: T) => void) =>
    startTransition(async () => {
      setError(null);
      const result = await action();
      setWorking(null);
      if (!result.ok) return setError(result.error);
      setDialog(null);
      then?.(result);
      router.refresh();
    });

  return (
    <Stack spacing={1} data-testid="run-actions" sx={{ minWidth: 0 }}>
      <Stack direction="row" spacing={1} sx={{ flexWrap: "wrap", alignItems: "center" }} useFlexGap>
        {offered.decidePlan && !editing && (
          <>
            <Button
              variant="contained"
              loading={pending && working === "approve"}
              disabled={pending}
              onClick={() => (setWorking("approve"), act(() => approvePlanAction({ runId })))}
            >
              Approve plan
            </Button>
            <Button variant="outlined" disabled={pending} onClick={() => (setError(null), setEditing(true))}>
              Edit plan
            </Button>
            <Button color="error" disabled={pending} onClick={() => (setError(null), setDialog("reject"))}>
              Reject plan…
            </Button>
          </>
        )}
        {offered.merge && (
          <Button variant="contained" color="success" disabled={pending} onClick={() => setDialog("merge")}>
            Merge
          </Button>
        )}
        {offered.cancel && (
          <Button
            variant="outlined"
            color="error"
            disabled={pending}
            onClick={() => (setReason(""), setError(null), setDialog("cancel"))}
          >
            Cancel run
          </Button>
        )}
        {offered.retry && (
          <TextField
            select
            size="small"
            label="Retry strategy"
            value={strategy}
            onChange={(event) => setStrategy(event.target.value as RetryStrategy | "")}
            sx={{ minWidth: 200 }}
            slotProps={{ htmlInput: { "data-testid": "retry-strategy" } }}
          >
            <MenuItem value="">Start over</MenuItem>
            <MenuItem value="regenerate_prompt">Same approach, fresh prompt</MenuItem>
            <MenuItem value="different_approach">A different approach</MenuItem>
            <MenuItem value="simplified_scope">Simplified scope</MenuItem>
          </TextField>
        )}
        {offered.retry && (
          <Button
            variant="contained"
            loading={pending && working === "retry"}
            disabled={pending}
            onClick={() => {
              setWorking("retry");
              act(
                () => retryRunAction({ runId, ...(strategy ? { strategy } : {}) }),
                (result) => router.push(`/runs/${result.runId}`),
              );
            }}
          >
            Retry
          </Button>
        )}
      </Stack>
      {error && dialog === null && (
        <Alert severity="error" onClose={() => setError(null)} data-testid="run-actions-error">
          {error}
        </Alert>
      )}
      <ConfirmDialog
        open={dialog === "merge"}
        title="Merge this pull request?"
        body="The branch is merged into the base branch by the project's merge method. This cannot be undone from Mergeline."
        confirmLabel="Merge"
        dismissLabel="Not now"
        color="success"
        pending={pending}
        error={dialog === "merge" ? error : null}
        onConfirm={() => act(() => mergeRunAction({ runId }))}
        onClose={() => (setDialog(null), setError(null))}
      />
      <ConfirmDialog
        open={dialog === "cancel"}
        title="Cancel this run?"
        body="The pipeline stops at once and whatever the run has running is killed. The branch stays; the run cannot be resumed, only retried."
        confirmLabel="Cancel run"
        dismissLabel="Keep the run"
        color="error"
        pending={pending}
        error={dialog === "cancel" ? error : null}
        onConfirm={() => act(() => cancelRunAction({ runId, reason: reason.trim() || undefined }))}
        onClose={() => (setDialog(null), setError(null))}
      >
        <TextField
          label="Reason (optional)"
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          fullWidth
          size="small"
          sx={{ mt: 2 }}
          slotProps={{ htmlInput: { maxLength: 2000 } }}
        />
      </ConfirmDialog>
      {dialog === "reject" && (
        <RejectPlanDialog
          open
          pending={pending}
          error={error}
          onClose={() => (setDialog(null), setError(null))}
          onReject={(rejection) => act(() => rejectPlanAction({ runId, reason: rejection }))}
        />
      )}
    </Stack>
  );
}
