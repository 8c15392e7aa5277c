"use client";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { useRouter } from "next/navigation";
import { type FormEvent, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/platform/run-action";
import { PlanView } from "@/components/run/plan-view";
import type { ServerAction } from "@/components/server-action";
import type { Plan, PlanContent } from "@/db/schema";
import { fromDraft, type PlanDraft, toDraft } from "./plan-draft";
import { PlanEditor } from "./plan-editor";
import { RejectPlanDialog } from "./reject-plan-dialog";

/**
 * The plan and, while the run awaits approval, the decision on it: approve as proposed,
 * edit then approve (a new plan version), or reject with a reason. People who may only
 * view see the plan and why they cannot decide.
 */
export function PlanReview({
  runId,
  plan,
  awaitingApproval,
  canWrite,
  approvePlanAction,
  rejectPlanAction,
}: {
  runId: string;
  plan: Plan;
  awaitingApproval: boolean;
  canWrite: boolean;
  approvePlanAction: ServerAction<{ runId: string; plan?: PlanContent }>;
  rejectPlanAction: ServerAction<{ runId: string; reason: string }>;
}) {
  const router = useRouter();
  const [draft, setDraft] = useState<PlanDraft | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const decidable = awaitingApproval && canWrite;

  const act = (action: () => Promise<ActionResult<object>>, onDone: () => void) =>
    startTransition(async () => {
      setError(null);
      const result = await action();
      if (!result.ok) return setError(result.error);
      onDone();
      router.refresh();
    });

  const approveEdited = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (draft)
      act(
        () => approvePlanAction({ runId, plan: fromDraft(draft) }),
        () => setDraft(null),
      );
  };

  if (draft && decidable) {
    return (
      <Card data-testid="plan" component="section" aria-labelledby="plan-editor-title">
        <CardContent component="form" onSubmit={approveEdited}>
          <Typography id="plan-editor-title" variant="h2" sx={{ mb: 2 }}>
            Edit the plan
          </Typography>
          {error && (
            <Alert severity="error" sx={{ mb: 2 }} data-testid="plan-error">
              {error}
            </Alert>
          )}
          <PlanEditor
            draft={draft}
            setDraft={(update) =>
              setDraft((current) => current && (typeof update === "function" ? update(current) : update))
            }
          />
          <Stack direction="row" spacing={1} sx={{ mt: 3 }}>
            <Button type="submit" variant="contained" loading={pending}>
              Approve edited plan
            </Button>
            <Button onClick={() => (setDraft(null), setError(null))} disabled={pending}>
              Discard edits
            </Button>
          </Stack>
        </CardContent>
      </Card>
    );
  }

  return (
    <Stack spacing={1}>
      <PlanView plan={plan} />
      {awaitingApproval && (
        <Stack spacing={1} data-testid="plan-decision">
          {error && !rejecting && (
            <Alert severity="error" data-testid="plan-error">
              {error}
            </Alert>
          )}
          <Stack direction="row" spacing={1} sx={{ flexWrap: "wrap" }} useFlexGap>
            <Button
              variant="contained"
              disabled={!decidable}
              loading={pending && !rejecting}
              onClick={() =>
                act(
                  () => approvePlanAction({ runId }),
                  () => undefined,
                )
              }
            >
              Approve plan
            </Button>
            <Button
              variant="outlined"
              disabled={!decidable || pending}
              onClick={() => (setError(null), setDraft(toDraft(plan.content)))}
            >
              Edit plan
            </Button>
            <Button color="error" disabled={!decidable || pending} onClick={() => (setError(null), setRejecting(true))}>
              Reject plan…
            </Button>
          </Stack>
          {!canWrite && (
            <Typography variant="caption" color="text.secondary">
              Only members and admins of the team can decide the plan; your role allows viewing.
            </Typography>
          )}
        </Stack>
      )}
      {rejecting && (
        <RejectPlanDialog
          open
          pending={pending}
          error={error}
          onClose={() => (setRejecting(false), setError(null))}
          onReject={(reason) =>
            act(
              () => rejectPlanAction({ runId, reason }),
              () => setRejecting(false),
            )
          }
        />
      )}
    </Stack>
  );
}
