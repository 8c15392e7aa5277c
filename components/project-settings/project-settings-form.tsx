"use client";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import FormControlLabel from "@mui/material/FormControlLabel";
import Grid from "@mui/material/Grid";
import MenuItem from "@mui/material/MenuItem";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Switch from "@mui/material/Switch";
import TextField, { type TextFieldProps } from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useRouter } from "next/navigation";
import { type FormEvent, type ReactNode, useRef, useState, useTransition } from "react";
import type { ServerAction } from "@/components/server-action";
import { useFocusFirstInvalid } from "@/components/shared/use-focus-first-invalid";
import type { ProjectSettings } from "@/db/schema";
import type { FieldErrors } from "@/lib/platform/run-action";
import { agentOptions } from "@/components/start-run/agent-options";
import { reviewFromForm } from "./review-form-values";
import { ReviewSettingsSection } from "./review-settings-section";
import { fromForm, toFormValues } from "./settings-form-values";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper variant="outlined" component="section" aria-label={title} sx={{ p: 2.5 }}>
      <Typography variant="h2" sx={{ mb: 2 }}>
        {title}
      </Typography>
      <Stack spacing={2}>{children}</Stack>
    </Paper>
  );
}

/** A project's settings; `editable` only for team admins (others see the same form, read-only). */
export function ProjectSettingsForm({
  projectId,
  settings,
  editable,
  updateProjectSettingsAction,
}: {
  projectId: string;
  settings: ProjectSettings;
  editable: boolean;
  updateProjectSettingsAction: ServerAction<
    { projectId: string; settings: Partial<ProjectSettings> },
    { changed: boolean }
  >;
}) {
  const router = useRouter();
  const values = toFormValues(settings);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ severity: "success" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, errors);

  const field = (name: string, props: TextFieldProps = {}) => {
    const error =
      errors[`settings.${name}`] ?? Object.entries(errors).find(([key]) => key.startsWith(`settings.${name}.`))?.[1];
    return (
      <TextField
        name={name}
        id={`setting-${name}`}
        defaultValue={values[name]}
        fullWidth
        {...props}
        disabled={!editable}
        error={Boolean(error)}
        helperText={error ?? props.helperText}
      />
    );
  };
  const toggle = (name: "autoConfirmPlans" | "allowNetworkInTests" | "useRepositoryConfig", label: string) => (
    <FormControlLabel
      control={<Switch name={name} defaultChecked={settings[name] ?? false} disabled={!editable} />}
      label={label}
    />
  );

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      // The form only gathers text; the action validates it and names the fields at fault.
      const result = await updateProjectSettingsAction({
        projectId,
        settings: { ...fromForm(form), ...reviewFromForm(form) } as Partial<ProjectSettings>,
      });
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        return setMessage({
          severity: "error",
          text: result.fieldErrors ? "Nothing was saved: fix the highlighted fields." : result.error,
        });
      }
      setErrors({});
      setMessage({ severity: "success", text: result.changed ? "Settings saved." : "Nothing changed." });
      router.refresh();
    });
  };

  return (
    <form ref={form} onSubmit={submit} noValidate aria-label="Project settings">
      <Stack spacing={3}>
        {!editable && <Alert severity="info">Only a team admin can change these settings.</Alert>}
        <Section title="Agent">
          {field("repositoryRules", {
            label: "Repository rules",
            multiline: true,
            minRows: 3,
            helperText: "Instructions the agent follows in this repository",
          })}
          {field("planningStatement", {
            label: "Planning statement",
            multiline: true,
            minRows: 2,
            helperText: "What every plan must consider",
          })}
          {field("model", {
            label: "Model",
            placeholder: "default",
            helperText:
              "provider:model (openai:gpt-5.1, openai-compatible:qwen2.5-coder) or scripted; empty for the server's default",
          })}
          {field("agent.backend", {
            label: "Coding agent",
            select: true,
            helperText:
              "The built-in agent, or a CLI agent run in the sandbox (installed from npm at a pinned version)",
            children: Object.entries(agentOptions).map(([id, label]) => (
              <MenuItem key={id} value={id}>
                {label}
              </MenuItem>
            )),
          })}
          {field("agent.model", {
            label: "Agent's model",
            placeholder: "the agent's default",
            helperText: "For a CLI agent: the model name its provider knows (gpt-5.1, claude-sonnet-4-5...)",
          })}
          {field("agent.baseUrl", {
            label: "Agent's endpoint",
            placeholder: "the server's configuration",
            helperText:
              "OpenAI-compatible (Codex, Qwen Code), Anthropic-compatible (Claude Code) or Gemini base URL; empty for the server's",
          })}
          {field("agent.apiKeySecret", {
            label: "Agent's key secret",
            placeholder: "the server's configuration",
            helperText: "The name of a project secret holding the provider's key",
          })}
          {field("mcpServers", {
            label: "MCP servers (JSON)",
            multiline: true,
            minRows: 2,
            placeholder:
              '[{ "name": "tickets", "url": "https://mcp.example.com/mcp", "headers": { "Authorization": "Bearer {{secret:TICKETS_TOKEN}}" } }]',
            helperText:
              "Tools the coding agents may call: name and url (headers may name project secrets), or name, command and args for stdio",
          })}
          {field("triggerLabel", { label: "Trigger label", helperText: "Issues with this label start a run" })}
        </Section>
        <Section title="Validation">
          {field("setupCommands", {
            label: "Setup commands",
            multiline: true,
            minRows: 2,
            helperText: "One per line, run before the tests",
          })}
          {field("testCommands", { label: "Test commands", multiline: true, minRows: 2, helperText: "One per line" })}
          {field("previewCommand", {
            label: "Preview command",
            helperText: "Starts the app for browser checks; empty turns previews off",
          })}
          {field("previewPages", {
            label: "Pages to check",
            multiline: true,
            minRows: 2,
            helperText: "One path per line, starting with /",
          })}
          {field("devCommand", {
            label: "Dev command (studio)",
            placeholder: "npm run dev -- --port $PORT --host 127.0.0.1",
            helperText: "Runs the app with hot reload in studio sessions, on $PORT; empty uses the preview command",
          })}
          {toggle("allowNetworkInTests", "Allow network access in tests")}
          {toggle(
            "useRepositoryConfig",
            "Take commands, pages and budget from the repository's .mergeline.yml (runs and studio sessions)",
          )}
        </Section>
        <Section title="Merging">
          {field("autoMerge", {
            select: true,
            label: "Auto-merge policy",
            children: [
              <MenuItem key="manual" value="manual">
                Manual: a person merges
              </MenuItem>,
              <MenuItem key="green" value="auto-when-green">
                When validation passes
              </MenuItem>,
              <MenuItem key="all" value="auto-when-all-checks-pass">
                When all checks pass
              </MenuItem>,
            ],
          })}
          {field("mergeMethod", {
            select: true,
            label: "Merge method",
            children: [
              <MenuItem key="squash" value="squash">
                Squash
              </MenuItem>,
              <MenuItem key="merge" value="merge">
                Merge commit
              </MenuItem>,
              <MenuItem key="rebase" value="rebase">
                Rebase
              </MenuItem>,
            ],
          })}
          {toggle("autoConfirmPlans", "Approve plans automatically")}
        </Section>
        <Section title="Reviews and retries">
          <ReviewSettingsSection settings={settings} editable={editable} errors={errors} />
        </Section>
        <Section title="Budget per run">
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, sm: 4 }}>
              {field("budget.maxAttempts", {
                label: "Attempts",
                type: "number",
                slotProps: { htmlInput: { min: 1, max: 20 } },
              })}
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              {field("budget.maxDollars", {
                label: "Dollars",
                type: "number",
                slotProps: { htmlInput: { min: 0, step: 0.5 } },
              })}
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              {field("budget.maxMinutes", { label: "Minutes", type: "number", slotProps: { htmlInput: { min: 1 } } })}
            </Grid>
          </Grid>
        </Section>
        {message && (
          <Alert severity={message.severity} role={message.severity === "error" ? "alert" : "status"}>
            {message.text}
          </Alert>
        )}
        {editable && (
          <Stack direction="row">
            <Button type="submit" variant="contained" loading={pending}>
              Save settings
            </Button>
          </Stack>
        )}
      </Stack>
    </form>
  );
}
