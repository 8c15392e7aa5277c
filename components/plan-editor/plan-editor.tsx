"use client";
import AddRounded from "@mui/icons-material/AddRounded";
import Button from "@mui/material/Button";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import type { Dispatch, SetStateAction } from "react";
import type { FieldErrors } from "@/lib/platform/run-action";
import { ListItemControls } from "./list-item-controls";
import { type DraftCheck, type DraftStep, move, newKey, type PlanDraft } from "./plan-draft";

/**
 * Form fields of a plan: summary, ordered steps, files, ordered acceptance checks; the
 * server's messages (`fieldErrors`, keyed "plan.steps.0.title") on the fields at fault.
 */
export function PlanEditor({
  draft,
  setDraft,
  fieldErrors = {},
}: {
  draft: PlanDraft;
  setDraft: Dispatch<SetStateAction<PlanDraft>>;
  fieldErrors?: FieldErrors;
}) {
  // A field's message, or the first of its items' ("plan.files.3").
  const errorOf = (path: string) =>
    fieldErrors[`plan.${path}`] ?? Object.entries(fieldErrors).find(([key]) => key.startsWith(`plan.${path}.`))?.[1];
  const errorProps = (path: string, helperText?: string) => {
    const error = errorOf(path);
    return { error: Boolean(error), helperText: error ?? helperText };
  };
  const setStep = (key: number, patch: Partial<DraftStep>) =>
    setDraft((current) => ({
      ...current,
      steps: current.steps.map((step) => (step.key === key ? { ...step, ...patch } : step)),
    }));
  const setCheck = (key: number, patch: Partial<DraftCheck>) =>
    setDraft((current) => ({
      ...current,
      acceptanceChecks: current.acceptanceChecks.map((check) => (check.key === key ? { ...check, ...patch } : check)),
    }));

  return (
    <Stack spacing={2.5} data-testid="plan-editor">
      <TextField
        label="Summary"
        required
        multiline
        minRows={2}
        value={draft.summary}
        {...errorProps("summary")}
        onChange={(event) => setDraft((current) => ({ ...current, summary: event.target.value }))}
        slotProps={{ htmlInput: { maxLength: 4000 } }}
      />

      <Stack spacing={1.5} component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
        <Typography component="legend" variant="subtitle2">
          Steps
        </Typography>
        {draft.steps.map((step, index) => (
          <Paper key={step.key} variant="outlined" sx={{ p: 1.5 }} data-testid="plan-step-editor">
            <Stack direction={{ xs: "column", sm: "row" }} spacing={1}>
              <Stack spacing={1} sx={{ flex: 1 }}>
                <TextField
                  label={`Step ${index + 1}`}
                  required
                  size="small"
                  value={step.title}
                  {...errorProps(`steps.${index}.title`)}
                  onChange={(event) => setStep(step.key, { title: event.target.value })}
                  slotProps={{ htmlInput: { maxLength: 300 } }}
                />
                <TextField
                  label={`Step ${index + 1} detail (optional)`}
                  size="small"
                  multiline
                  value={step.detail}
                  {...errorProps(`steps.${index}.detail`)}
                  onChange={(event) => setStep(step.key, { detail: event.target.value })}
                  slotProps={{ htmlInput: { maxLength: 4000 } }}
                />
              </Stack>
              <ListItemControls
                label={`step ${index + 1}`}
                index={index}
                count={draft.steps.length}
                minCount={1}
                onMove={(from, to) => setDraft((current) => ({ ...current, steps: move(current.steps, from, to) }))}
                onRemove={(at) =>
                  setDraft((current) => ({ ...current, steps: current.steps.filter((_, i) => i !== at) }))
                }
              />
            </Stack>
          </Paper>
        ))}
        <Button
          startIcon={<AddRounded />}
          sx={{ alignSelf: "flex-start" }}
          disabled={draft.steps.length >= 30}
          onClick={() =>
            setDraft((current) => ({ ...current, steps: [...current.steps, { key: newKey(), title: "", detail: "" }] }))
          }
        >
          Add a step
        </Button>
      </Stack>

      <TextField
        label="Files (one per line)"
        multiline
        minRows={2}
        value={draft.files}
        {...errorProps("files")}
        onChange={(event) => setDraft((current) => ({ ...current, files: event.target.value }))}
        slotProps={{ htmlInput: { style: { fontFamily: "monospace" } } }}
      />

      <Stack spacing={1.5} component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
        <Typography component="legend" variant="subtitle2">
          Acceptance checks
        </Typography>
        {draft.acceptanceChecks.map((check, index) => (
          <Paper key={check.key} variant="outlined" sx={{ p: 1.5 }} data-testid="plan-check-editor">
            <Stack direction={{ xs: "column", sm: "row" }} spacing={1}>
              <Stack spacing={1} sx={{ flex: 1 }}>
                <TextField
                  label={`Check ${index + 1}`}
                  required
                  size="small"
                  value={check.description}
                  {...errorProps(`acceptanceChecks.${index}.description`)}
                  onChange={(event) => setCheck(check.key, { description: event.target.value })}
                  slotProps={{ htmlInput: { maxLength: 1000 } }}
                />
                <Stack direction={{ xs: "column", sm: "row" }} spacing={1}>
                  <TextField
                    label={`Check ${index + 1} test name (optional)`}
                    size="small"
                    fullWidth
                    value={check.test}
                    {...errorProps(`acceptanceChecks.${index}.test`)}
                    onChange={(event) => setCheck(check.key, { test: event.target.value })}
                    slotProps={{ htmlInput: { maxLength: 500 } }}
                  />
                  <TextField
                    label={`Check ${index + 1} page (optional)`}
                    size="small"
                    fullWidth
                    placeholder="/"
                    value={check.page}
                    {...errorProps(`acceptanceChecks.${index}.page`)}
                    onChange={(event) => setCheck(check.key, { page: event.target.value })}
                    slotProps={{ htmlInput: { maxLength: 500 } }}
                  />
                </Stack>
              </Stack>
              <ListItemControls
                label={`check ${index + 1}`}
                index={index}
                count={draft.acceptanceChecks.length}
                minCount={1}
                onMove={(from, to) =>
                  setDraft((current) => ({ ...current, acceptanceChecks: move(current.acceptanceChecks, from, to) }))
                }
                onRemove={(at) =>
                  setDraft((current) => ({
                    ...current,
                    acceptanceChecks: current.acceptanceChecks.filter((_, i) => i !== at),
                  }))
                }
              />
            </Stack>
          </Paper>
        ))}
        <Button
          startIcon={<AddRounded />}
          sx={{ alignSelf: "flex-start" }}
          disabled={draft.acceptanceChecks.length >= 30}
          onClick={() =>
            setDraft((current) => ({
              ...current,
              acceptanceChecks: [...current.acceptanceChecks, { key: newKey(), description: "", test: "", page: "" }],
            }))
          }
        >
          Add a check
        </Button>
      </Stack>
    </Stack>
  );
}
