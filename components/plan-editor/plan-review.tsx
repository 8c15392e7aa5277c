"use client";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { useRouter } from "next/navigation";
import { type FormEvent, use, useEffect, useRef, useState, useTransition } from "react";
import type { PlanAttribution } from "@/components/run/plan-attribution";
import { PlanView } from "@/components/run/plan-view";
import type { ServerAction } from "@/components/server-action";
import { useFocusFirstInvalid } from "@/components/shared/use-focus-first-invalid";
import type { Plan, PlanContent } from "@/db/schema";
import type { FieldErrors } from "@/lib/platform/run-action";
import { fromDraft, type PlanDraft, toDraft } from "./plan-draft";
import { PlanEditor } from "./plan-editor";
import { PlanEditingContext } from "./plan-editing-context";

/**
 * The plan and, while a member edits it (Edit among the run's actions), the editor: the
 * edit is approved as the plan's next version, or discarded. Approve and Reject are with
 * the run's actions beside its state.
 */
export function PlanReview({
  runId,
  plan,
  attribution,
  editable,
  approvePlanAction,
}: {
  runId: string;
  plan: Plan;
  attribution: PlanAttribution;
  /** The run awaits approval and the person may decide. */
  editable: boolean;
  approvePlanAction: ServerAction<{ runId: string; plan?: PlanContent }>;
}) {
  const router = useRouter();
  const { editing, setEditing } = use(PlanEditingContext);
  const [draft, setDraft] = useState<PlanDraft>(() => toDraft(plan.content));
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [pending, startTransition] = useTransition();
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, fieldErrors);
  const open = editing && editable;

  // Opened from the actions at the top of the page: bring the editor into view, on its first field.
  useEffect(() => {
    if (!open) return;
    form.current?.scrollIntoView({ block: "start", behavior: "smooth" });
    form.current?.querySelector<HTMLElement>("textarea, input")?.focus({ preventScroll: true });
  }, [open]);

  const approveEdited = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    startTransition(async () => {
      setError(null);
      const result = await approvePlanAction({ runId, plan: fromDraft(draft) });
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        return setError(result.fieldErrors ? "The plan was not approved: fix the highlighted fields." : result.error);
      }
      setEditing(false);
      router.refresh();
    });
  };

  const discard = () => {
    setDraft(toDraft(plan.content));
    setError(null);
    setFieldErrors({});
    setEditing(false);
  };

  if (!open) return <PlanView plan={plan} attribution={attribution} />;
  return (
    <Card data-testid="plan" component="section" aria-labelledby="plan-editor-title" id="plan">
      <CardContent component="form" onSubmit={approveEdited} ref={form} sx={{ scrollMarginTop: 80 }}>
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
          fieldErrors={fieldErrors}
          setDraft={(update) => setDraft((current) => (typeof update === "function" ? update(current) : update))}
        />
        <Stack direction="row" spacing={1} sx={{ mt: 3, flexWrap: "wrap" }} useFlexGap>
          <Button type="submit" variant="contained" loading={pending}>
            Approve edited plan
          </Button>
          <Button onClick={discard} disabled={pending}>
            Discard edits
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
}
