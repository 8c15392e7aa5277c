"use client";
import PlayArrowRounded from "@mui/icons-material/PlayArrowRounded";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import FormControlLabel from "@mui/material/FormControlLabel";
import Stack from "@mui/material/Stack";
import Switch from "@mui/material/Switch";
import TextField from "@mui/material/TextField";
import { useRouter } from "next/navigation";
import { type FormEvent, useState, useTransition } from "react";
import { startRunAction } from "@/app/(dashboard)/actions";

export function StartRunDialog({ projectId, projectName }: { projectId: string; projectName: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: FormEvent<HTMLElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const criteria = String(form.get("acceptanceCriteria") ?? "")
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    startTransition(async () => {
      const result = await startRunAction({
        projectId,
        goal: String(form.get("goal") ?? ""),
        requirements: String(form.get("requirements") ?? "") || undefined,
        acceptanceCriteria: criteria,
        autoConfirm: form.get("autoConfirm") === "on",
      });
      if (!result.ok) return setError(result.error);
      setOpen(false);
      router.push(`/runs/${result.runId}`);
    });
  };

  return (
    <>
      <Button size="small" variant="contained" startIcon={<PlayArrowRounded />} onClick={() => (setError(null), setOpen(true))}>
        Start a run
      </Button>
      <Dialog open={open} onClose={() => !pending && setOpen(false)} fullWidth maxWidth="sm" slotProps={{ paper: { component: "form", onSubmit: submit } }}>
        <DialogTitle>Start a run on {projectName}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {error && <Alert severity="error">{error}</Alert>}
            <TextField name="goal" label="Goal" required multiline minRows={2} autoFocus placeholder="Add a function that removes an item from the cart" />
            <TextField name="requirements" label="Requirements (optional)" multiline minRows={2} />
            <TextField name="acceptanceCriteria" label="Acceptance criteria (optional, one per line)" multiline minRows={2} />
            <FormControlLabel control={<Switch name="autoConfirm" />} label="Approve the plan automatically" />
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
