"use client";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ServerAction } from "@/components/server-action";
import type { RunState } from "@/db/schema";
import type { ActionResult } from "@/lib/platform/run-action";
import { isTerminal } from "@/lib/runs/state-machine";
import { ConfirmDialog } from "./confirm-dialog";

type Dialog = "cancel" | "merge" | null;

/** Why an action cannot be taken now, or null when it can. */
function blockers(state: RunState, canWrite: boolean) {
  const role = canWrite ? null : "Your role in this team only allows viewing";
  return {
    cancel: role ?? (isTerminal(state) ? "The run has ended" : null),
    merge:
      role ??
      (state === "merged"
        ? "The run is merged"
        : state === "merging"
          ? "The merge is under way"
          : state !== "ready"
            ? "Merging waits until validation passes"
            : null),
    retry:
      role ??
      (!isTerminal(state)
        ? "Only an ended run can be retried; cancel it first"
        : state === "merged"
          ? "The run was merged; start a new run for further work"
          : null),
  };
}

export function RunActions({
  runId,
  state,
  canWrite,
  cancelRunAction,
  mergeRunAction,
  retryRunAction,
}: {
  runId: string;
  state: RunState;
  canWrite: boolean;
  cancelRunAction: ServerAction<{ runId: string; reason?: string }>;
  mergeRunAction: ServerAction<{ runId: string }>;
  retryRunAction: ServerAction<{ runId: string }, { runId: string }>;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [reason, setReason] = useState("");
  const [pending, startTransition] = useTransition();
  const blocked = blockers(state, canWrite);

  const act = (action: () => Promise<ActionResult<object>>, then?: (result: ActionResult<object>) => void) =>
    startTransition(async () => {
      setError(null);
      const result = await action();
      setDialog(null);
      if (!result.ok) setError(result.error);
      else then?.(result);
      router.refresh();
    });

  const reasons = [blocked.merge, blocked.cancel, blocked.retry].filter(
    (value, index, all) => value && all.indexOf(value) === index,
  );
  return (
    <Stack spacing={1} data-testid="run-actions">
      {error && (
        <Alert severity="error" onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      <Stack direction="row" spacing={1} sx={{ flexWrap: "wrap" }} useFlexGap>
        <Button
          variant="contained"
          color="success"
          disabled={Boolean(blocked.merge) || pending}
          onClick={() => setDialog("merge")}
          aria-describedby="run-actions-why"
        >
          Merge
        </Button>
        <Button
          variant="outlined"
          color="error"
          disabled={Boolean(blocked.cancel) || pending}
          onClick={() => (setReason(""), setDialog("cancel"))}
          aria-describedby="run-actions-why"
        >
          Cancel run
        </Button>
        <Button
          variant="outlined"
          disabled={Boolean(blocked.retry) || pending}
          loading={pending && dialog === null}
          onClick={() =>
            act(
              () => retryRunAction({ runId }),
              (result) => "runId" in result && router.push(`/runs/${String(result.runId)}`),
            )
          }
          aria-describedby="run-actions-why"
        >
          Retry
        </Button>
      </Stack>
      {reasons.length > 0 && (
        <Typography id="run-actions-why" variant="caption" color="text.secondary" data-testid="run-actions-why">
          {reasons.join(" · ")}
        </Typography>
      )}
      <ConfirmDialog
        open={dialog === "merge"}
        title="Merge this pull request?"
        body="The branch is merged into the base branch by the project's merge method. This cannot be undone from Mergeline."
        confirmLabel="Merge"
        color="success"
        pending={pending}
        onConfirm={() => act(() => mergeRunAction({ runId }))}
        onClose={() => setDialog(null)}
      />
      <ConfirmDialog
        open={dialog === "cancel"}
        title="Cancel this run?"
        body="The pipeline stops at once and whatever the run has running is killed. The branch stays; the run cannot be resumed, only retried."
        confirmLabel="Cancel run"
        color="error"
        pending={pending}
        onConfirm={() => act(() => cancelRunAction({ runId, reason: reason.trim() || undefined }))}
        onClose={() => setDialog(null)}
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
    </Stack>
  );
}
