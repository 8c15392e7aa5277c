import FormControlLabel from "@mui/material/FormControlLabel";
import MenuItem from "@mui/material/MenuItem";
import Stack from "@mui/material/Stack";
import Switch from "@mui/material/Switch";
import TextField from "@mui/material/TextField";
import type { ProjectSettings } from "@/db/schema";
import type { FieldErrors } from "@/lib/platform/run-action";
import { reviewFormValues } from "./review-form-values";

/**
 * The Reviews part of the settings form: automatic reviews, the AI review, the complexity
 * threshold, the project's secret patterns, the merge policy on findings and the escalation
 * order of retry strategies. Its fields are read back by reviewFromForm.
 */
export function ReviewSettingsSection({
  settings,
  editable,
  errors,
}: {
  settings: ProjectSettings;
  editable: boolean;
  errors: FieldErrors;
}) {
  const values = reviewFormValues(settings);
  const error = (name: string) =>
    errors[`settings.${name}`] ?? Object.entries(errors).find(([key]) => key.startsWith(`settings.${name}.`))?.[1];
  const text = (name: string, label: string, helperText: string, extra: Record<string, unknown> = {}) => (
    <TextField
      name={name}
      id={`setting-${name}`}
      label={label}
      defaultValue={values[name]}
      fullWidth
      disabled={!editable}
      error={Boolean(error(name))}
      helperText={error(name) ?? helperText}
      {...extra}
    />
  );
  const toggle = (name: string, label: string, checked: boolean) => (
    <FormControlLabel control={<Switch name={name} defaultChecked={checked} disabled={!editable} />} label={label} />
  );
  const policy = settings.reviewPolicy;
  return (
    <Stack spacing={2}>
      {toggle("autoReview", "Review every pull request opened in the repository", settings.autoReview ?? false)}
      {toggle("aiReview", "Add the AI review against the plan", settings.aiReview ?? true)}
      {text(
        "complexityThreshold",
        "Complexity threshold",
        "Changed functions whose cyclomatic complexity rises above this are flagged",
        {
          type: "number",
          slotProps: { htmlInput: { min: 1, max: 200 } },
        },
      )}
      {text(
        "secretPatterns",
        "Secret patterns",
        "One per line as name: regular expression, besides secretlint's recommended rules",
        {
          multiline: true,
          minRows: 2,
        },
      )}
      {toggle("reviewPolicy.blockOnSecrets", "A secret in the diff blocks merging", policy?.blockOnSecrets ?? true)}
      {text(
        "reviewPolicy.blockOnSeverity",
        "Findings that block merging",
        "An open finding of this severity or worse blocks merging",
        {
          select: true,
          children: [
            <MenuItem key="none" value="none">
              None
            </MenuItem>,
            <MenuItem key="critical" value="critical">
              Critical
            </MenuItem>,
            <MenuItem key="high" value="high">
              High or critical
            </MenuItem>,
            <MenuItem key="medium" value="medium">
              Medium or worse
            </MenuItem>,
          ],
        },
      )}
      {toggle(
        "reviewPolicy.blockOnVulnerabilities",
        "A known vulnerability blocks merging",
        policy?.blockOnVulnerabilities ?? false,
      )}
      {text(
        "retryStrategies",
        "Retry strategies",
        "Fix attempts in order, one per line: regenerate_prompt, different_approach, simplified_scope (the last repeats)",
        { multiline: true, minRows: 3 },
      )}
    </Stack>
  );
}
