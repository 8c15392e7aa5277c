"use client";
import PlayArrowRounded from "@mui/icons-material/PlayArrowRounded";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import FormControlLabel from "@mui/material/FormControlLabel";
import MenuItem from "@mui/material/MenuItem";
import Stack from "@mui/material/Stack";
import Switch from "@mui/material/Switch";
import TextField from "@mui/material/TextField";
import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState, useTransition } from "react";
import type { ServerAction } from "@/components/server-action";
import { useFocusFirstInvalid } from "@/components/shared/use-focus-first-invalid";
import type { AgentBackendId } from "@/db/schema";
import type { FieldErrors } from "@/lib/platform/run-action";
import { agentOptions } from "./agent-options";
import { ScriptedTaskPicker, type ScriptedTaskOption } from "./scripted-task-picker";

export type StartRunAction = ServerAction<
  {
    projectId: string;
    goal: string;
    requirements?: string;
    acceptanceCriteria: string[];
    baseBranch: string;
    autoConfirm: boolean;
    /** This run's coding agent; unset, the project's. */
    agent?: { backend: AgentBackendId; model?: string };
    /** Best-of-N: parallel attempts, 1 to 4. */
    attempts?: number;
  },
  { runId: string }
>;

/** The first error of a field or of its items ("acceptanceCriteria.2"). */
function errorOf(errors: FieldErrors, field: string): string | undefined {
  const key = Object.keys(errors).find((name) => name === field || name.startsWith(`${field}.`));
  if (!key) return undefined;
  const item = key.slice(field.length + 1);
  return item ? `line ${Number(item) + 1}: ${errors[key]}` : errors[key];
}

export function StartRunDialog({
  projectId,
  projectName,
  defaultBranch = "main",
  autoConfirmDefault = false,
  scriptedTasks = null,
  startRunAction,
}: {
  projectId: string;
  projectName: string;
  defaultBranch?: string;
  autoConfirmDefault?: boolean;
  /** The tasks of the project's scripted model; null for a model that takes any goal. */
  scriptedTasks?: ScriptedTaskOption[] | null;
  startRunAction: StartRunAction;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [pending, startTransition] = useTransition();
  const fields = useRef<HTMLDivElement>(null);
  useFocusFirstInvalid(fields, fieldErrors);
  // Controlled, so that picking a scripted task fills it in.
  const [goal, setGoal] = useState("");

  const submit = (event: FormEvent<HTMLElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const criteria = String(form.get("acceptanceCriteria") ?? "")
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    const backend = String(form.get("agent") ?? "");
    const model = String(form.get("agentModel") ?? "").trim();
    const attempts = Number(form.get("attempts") ?? 1);
    startTransition(async () => {
      const result = await startRunAction({
        ...(backend ? { agent: { backend: backend as AgentBackendId, ...(model ? { model } : {}) } } : {}),
        ...(attempts > 1 ? { attempts } : {}),
        projectId,
        goal,
        requirements: String(form.get("requirements") ?? "") || undefined,
        acceptanceCriteria: criteria,
        baseBranch: String(form.get("baseBranch") ?? "").trim(),
        autoConfirm: form.get("autoConfirm") === "on",
      });
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        return setError(result.fieldErrors ? "Check the highlighted fields" : result.error);
      }
      setOpen(false);
      router.push(`/runs/${result.runId}`);
    });
  };

  const show = () => {
    setError(null);
    setFieldErrors({});
    // A scripted project starts with its first task picked: Start works as it is.
    if (scriptedTasks?.length && !goal) setGoal(scriptedTasks[0]!.goal);
    setOpen(true);
  };
  const fieldProps = (name: string) => ({
    name,
    error: Boolean(errorOf(fieldErrors, name)),
    helperText: errorOf(fieldErrors, name),
  });

  return (
    <>
      <Button size="small" variant="contained" startIcon={<PlayArrowRounded />} onClick={show}>
        Start a run
      </Button>
      {/* noValidate: the server's messages show on the fields, in place of the browser's bubbles. */}
      <Dialog
        open={open}
        onClose={() => !pending && setOpen(false)}
        fullWidth
        maxWidth="sm"
        slotProps={{ paper: { component: "form", onSubmit: submit, ...{ noValidate: true } } }}
      >
        <DialogTitle>Start a run on {projectName}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }} ref={fields}>
            {error && <Alert severity="error">{error}</Alert>}
            {scriptedTasks && scriptedTasks.length > 0 && (
              <ScriptedTaskPicker tasks={scriptedTasks} goal={goal} onPick={setGoal} />
            )}
            <TextField
              {...fieldProps("goal")}
              label="Goal"
              required
              multiline
              minRows={2}
              autoFocus
              value={goal}
              onChange={(event) => setGoal(event.target.value)}
              placeholder="Add a function that removes an item from the cart"
            />
            <TextField {...fieldProps("requirements")} label="Requirements (optional)" multiline minRows={2} />
            <TextField
              {...fieldProps("acceptanceCriteria")}
              label="Acceptance criteria (optional)"
              multiline
              minRows={2}
              helperText={errorOf(fieldErrors, "acceptanceCriteria") ?? "One per line"}
            />
            <TextField
              {...fieldProps("baseBranch")}
              label="Target branch"
              defaultValue={defaultBranch}
              helperText={errorOf(fieldErrors, "baseBranch") ?? "The pull request merges into this branch"}
            />
            <Stack direction={{ xs: "column", sm: "row" }} spacing={2}>
              <TextField
                {...fieldProps("agent")}
                select
                label="Coding agent"
                defaultValue=""
                sx={{ flex: 2 }}
                helperText={errorOf(fieldErrors, "agent") ?? "Runs in the sandbox, in the run's workspace"}
              >
                <MenuItem value="">The project's agent</MenuItem>
                {Object.entries(agentOptions).map(([id, label]) => (
                  <MenuItem key={id} value={id}>
                    {label}
                  </MenuItem>
                ))}
              </TextField>
              <TextField {...fieldProps("agentModel")} label="Model (optional)" sx={{ flex: 2 }} />
              <TextField
                {...fieldProps("attempts")}
                select
                label="Attempts"
                defaultValue={1}
                sx={{ flex: 1 }}
                helperText={errorOf(fieldErrors, "attempts") ?? "Best of N"}
              >
                {[1, 2, 3, 4].map((count) => (
                  <MenuItem key={count} value={count}>
                    {count}
                  </MenuItem>
                ))}
              </TextField>
            </Stack>
            <FormControlLabel
              control={<Switch name="autoConfirm" defaultChecked={autoConfirmDefault} />}
              label="Approve the plan automatically"
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" loading={pending}>
            Start
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
